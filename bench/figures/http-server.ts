/**
 * Token-server figures: the viewer-credential endpoint under load (Beam vs the tutorial baseline)
 * and session creation latency. The servers run in a child process with KVS quotas lifted, so the
 * baseline is limited by its own work, not by throttling (real KVS would cap it far lower).
 */
import type { CreateSessionResponse } from "../../protocol/api.ts";
import { cpuMs, startChild } from "../lib/child";
import { type Figure, judge } from "../lib/figure";
import { postLoad } from "../lib/load";
import { joinRequest } from "../lib/stack";
import { percentile } from "../lib/stats";

interface Ready {
  beamUrl: string;
  baselineUrl: string;
  session: CreateSessionResponse;
}

const LOAD_SECONDS = 10;
const CREATES = 100;

export async function httpServerFigures(log: (line: string) => void): Promise<Figure[]> {
  const child = await startChild<Ready>("bench/servers/serve-stack.ts");
  try {
    const { beamUrl, baselineUrl, session } = child.ready;
    const join = joinRequest(session);
    // Warm-up: JIT and keep-alive sockets, so the measured window is steady state.
    await postLoad(`${beamUrl}${join.path}`, join.body, 2);
    const cpuBefore = cpuMs(child.pid);
    const beam = await postLoad(`${beamUrl}${join.path}`, join.body, LOAD_SECONDS);
    const cpuPerJoinUs = ((cpuMs(child.pid) - cpuBefore) * 1000) / (beam.rps * LOAD_SECONDS);
    log(
      `beam viewer joins: ${Math.round(beam.rps)} req/s, p50 ${beam.p50.toFixed(1)} ms, p99 ${beam.p99.toFixed(1)} ms`,
    );
    const baseline = await postLoad(`${baselineUrl}${join.path}`, join.body, LOAD_SECONDS);
    log(`baseline viewer joins: ${Math.round(baseline.rps)} req/s, p99 ${baseline.p99.toFixed(1)} ms`);
    const creates = await sequentialCreates(beamUrl, CREATES);
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
        note: `autocannon, 16 connections, ${LOAD_SECONDS} s, one warm session${failureNote}`,
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
