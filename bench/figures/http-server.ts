/**
 * Token-server figures: the viewer-credential endpoint under load (Beam vs the tutorial baseline),
 * two floors answering a body of the same size under the same load (bare `node:http`, and one Hono
 * route on `@hono/node-server`, the framework Beam is built on) and
 * session creation latency. The servers run in child processes with KVS quotas lifted, so the
 * baseline is limited by its own work, not by throttling (real KVS would cap it far lower).
 */
import type { CreateSessionResponse } from "../../protocol/api.ts";
import { cpuMs, startChild } from "../lib/child";
import { type Figure, judge } from "../lib/figure";
import { type LoadResult, postLoad } from "../lib/load";
import { joinRequest } from "../lib/stack";
import { percentile } from "../lib/stats";

interface Ready {
  beamUrl: string;
  baselineUrl: string;
  session: CreateSessionResponse;
}

const LOAD_SECONDS = 10;
const CREATES = 100;

/** A warm-up (JIT, keep-alive sockets), then the measured window; CPU from the server's own process. */
async function underLoad(pid: number, url: string, body: string): Promise<LoadResult & { cpuUs: number }> {
  await postLoad(url, body, 2);
  const cpuBefore = cpuMs(pid);
  const load = await postLoad(url, body, LOAD_SECONDS);
  return { ...load, cpuUs: ((cpuMs(pid) - cpuBefore) * 1000) / (load.rps * LOAD_SECONDS) };
}

/** A floor server (`serve-floor.ts`) answering as many bytes as Beam's join answer, under the same load. */
async function measureFloor(server: FloorServer, beamJoinUrl: string, path: string, body: string) {
  const response = await fetch(beamJoinUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const bytes = (await response.arrayBuffer()).byteLength;
  const child = await startChild<{ url: string }>("bench/servers/serve-floor.ts", {
    env: { FLOOR_BODY_BYTES: String(bytes), FLOOR_SERVER: server },
  });
  try {
    return { server, bytes, ...(await underLoad(child.pid, `${child.ready.url}${path}`, body)) };
  } finally {
    await child.stop();
  }
}

type FloorServer = "node" | "hono";
const FLOOR_NAME: Record<FloorServer, string> = { node: "bare node:http", hono: "one Hono route" };

export async function httpServerFigures(log: (line: string) => void): Promise<Figure[]> {
  const child = await startChild<Ready>("bench/servers/serve-stack.ts");
  try {
    const { beamUrl, baselineUrl, session } = child.ready;
    const join = joinRequest(session);
    const beam = await underLoad(child.pid, `${beamUrl}${join.path}`, join.body);
    const cpuPerJoinUs = beam.cpuUs;
    log(
      `beam viewer joins: ${Math.round(beam.rps)} req/s, p50 ${beam.p50.toFixed(1)} ms, p99 ${beam.p99.toFixed(1)} ms`,
    );
    const baseline = await postLoad(`${baselineUrl}${join.path}`, join.body, LOAD_SECONDS);
    log(`baseline viewer joins: ${Math.round(baseline.rps)} req/s, p99 ${baseline.p99.toFixed(1)} ms`);
    const creates = await sequentialCreates(beamUrl, CREATES);
    const floors = [];
    for (const server of ["node", "hono"] as const) {
      const floor = await measureFloor(server, `${beamUrl}${join.path}`, join.path, join.body);
      log(`${FLOOR_NAME[server]} floor: ${Math.round(floor.rps)} req/s, p99 ${floor.p99.toFixed(1)} ms`);
      floors.push(floor);
    }
    const [floor, honoFloor] = floors as [Floor, Floor];
    const failures = beam.failures + baseline.failures;
    const failureNote = failures ? `; ${beam.failures} Beam / ${baseline.failures} baseline non-2xx` : "";
    return [
      judge({
        id: "viewer_credentials_rps",
        label: "viewer-credential endpoint throughput",
        value: beam.rps,
        unit: "req/s",
        baseline: baseline.rps,
        ratio: { value: beam.rps / baseline.rps, of: "baseline" },
        goal: { on: "value", op: ">=", target: 10_000, text: "≥ 10k req/s" },
        note: `autocannon, 16 connections, ${LOAD_SECONDS} s, one warm session; ${Math.round((100 * beam.rps) / floor.rps)} % of the bare node:http floor, ${Math.round((100 * beam.rps) / honoFloor.rps)} % of one Hono route${failureNote}`,
      }),
      judge({
        id: "viewer_credentials_cpu_us",
        label: "server CPU per viewer join",
        value: cpuPerJoinUs,
        unit: "µs",
        note: `1 core would serve ≈ ${Math.round(1e6 / cpuPerJoinUs)} joins/s; on a busy machine req/s is bounded by the CPU share the server gets`,
      }),
      judge({
        id: "viewer_credentials_vs_baseline",
        label: "viewer-credential throughput vs baseline",
        value: beam.rps / baseline.rps,
        unit: "×",
        ratio: { value: beam.rps / baseline.rps, of: "baseline" },
        goal: { on: "ratio", op: ">=", target: 20, text: "≥ 20× baseline" },
      }),
      judge({
        id: "viewer_credentials_p50_ms",
        label: "viewer-credential latency p50 (under load)",
        value: beam.p50,
        unit: "ms",
        baseline: baseline.p50,
        ratio: { value: baseline.p50 / beam.p50, of: "better" },
      }),
      judge({
        id: "viewer_credentials_p99_ms",
        label: "viewer-credential latency p99 (under load)",
        value: beam.p99,
        unit: "ms",
        baseline: baseline.p99,
        ratio: { value: baseline.p99 / beam.p99, of: "better" },
        goal: { on: "value", op: "<", target: 5, text: "< 5 ms" },
      }),
      ...floors.flatMap((f) => floorFigures(f, beam)),
      judge({
        id: "session_create_p50_ms",
        label: "session create p50 (0 ms KVS delay)",
        value: percentile(creates, 50),
        unit: "ms",
        note: `${CREATES} sequential POST /api/sessions`,
      }),
      judge({
        id: "session_create_p99_ms",
        label: "session create p99 (0 ms KVS delay)",
        value: percentile(creates, 99),
        unit: "ms",
      }),
    ];
  } finally {
    await child.stop();
  }
}

type Floor = Awaited<ReturnType<typeof measureFloor>>;

function floorFigures(floor: Floor, beam: LoadResult): Figure[] {
  const name = FLOOR_NAME[floor.server];
  const id = floor.server === "node" ? "http_floor" : `http_floor_${floor.server}`;
  return [
    judge({
      id: `${id}_rps`,
      label: `floor: ${name}, same-size JSON`,
      value: floor.rps,
      unit: "req/s",
      ratio: { value: beam.rps / floor.rps, of: "floor (Beam)" },
      note: `${floor.bytes}-byte body, same autocannon load; p50 ${floor.p50.toFixed(2)} ms, p99 ${floor.p99.toFixed(2)} ms`,
    }),
    judge({ id: `${id}_p99_ms`, label: `floor: ${name} latency p99`, value: floor.p99, unit: "ms" }),
    judge({ id: `${id}_cpu_us`, label: `floor: ${name} CPU per request`, value: floor.cpuUs, unit: "µs" }),
  ];
}

async function sequentialCreates(url: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/api/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ source: "camera" }),
    });
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`POST /api/sessions answered ${response.status}`);
    times.push(performance.now() - started);
  }
  return times;
}
