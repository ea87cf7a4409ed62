/**
 * Emulator capacity: N channels × (1 master + 9 viewers) of plain `ws` clients with presigned URLs,
 * held open while every viewer sends ICE candidates at a steady rate; relay latency is timed from
 * send to the master's receipt (both ends in this process, one clock). The emulator runs alone in
 * a child process so its RSS is its own.
 */
import { CreateSignalingChannelCommand, KinesisVideoClient } from "@aws-sdk/client-kinesis-video";
import WebSocket from "ws";
import type { EmulatorCredentials } from "../../token-server/src/emulator/index.ts";
import { createPresigner } from "../../token-server/src/kvs/presign.ts";
import { startChild } from "../lib/child";
import { type Figure, judge } from "../lib/figure";
import { percentile } from "../lib/stats";

interface Ready {
  endpoint: string;
  wssEndpoint: string;
  region: string;
  credentials: EmulatorCredentials;
}

const CHANNELS = 200;
const VIEWERS_PER_CHANNEL = 9;
const SEND_INTERVAL_MS = 2_000; // per viewer: 1,800 viewers → 900 messages/s
const STEADY_SECONDS = 10;
const BATCH = 100;

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

async function inBatches<T, R>(items: T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += BATCH)
    out.push(...(await Promise.all(items.slice(i, i + BATCH).map(run))));
  return out;
}

export async function emulatorCapacityFigures(log: (line: string) => void): Promise<Figure[]> {
  const child = await startChild<Ready>("bench/servers/serve-emulator.ts");
  const sockets: WebSocket[] = [];
  try {
    const { endpoint, wssEndpoint, region, credentials } = child.ready;
    const control = new KinesisVideoClient({ region, endpoint, credentials });
    const presign = createPresigner({
      region,
      credentials: async () => credentials,
      expiresSeconds: 299,
      clock: { now: Date.now },
    });
    const names = Array.from({ length: CHANNELS }, (_, i) => `bench-capacity-${i}`);
    const arns = await inBatches(names, async (ChannelName) => {
      const out = await control.send(new CreateSignalingChannelCommand({ ChannelName }));
      return out.ChannelARN as string;
    });
    control.destroy();

    const latencies: number[] = [];
    let measuring = false;
    const masters = await inBatches(arns, async (arn) => {
      const socket = await open(await presign(wssEndpoint, { "X-Amz-ChannelARN": arn }));
      socket.on("message", (data) => {
        const message = JSON.parse(String(data)) as { messagePayload: string };
        const payload = JSON.parse(Buffer.from(message.messagePayload, "base64").toString()) as { t: number };
        if (measuring) latencies.push(performance.now() - payload.t);
      });
      return socket;
    });
    sockets.push(...masters);
    const viewerSpecs = arns.flatMap((arn, c) =>
      Array.from({ length: VIEWERS_PER_CHANNEL }, (_, v) => ({ arn, clientId: `viewer-${c}-${v}` })),
    );
    const viewers = await inBatches(viewerSpecs, async ({ arn, clientId }) =>
      open(await presign(wssEndpoint, { "X-Amz-ChannelARN": arn, "X-Amz-ClientId": clientId })),
    );
    sockets.push(...viewers);
    log(`capacity: ${sockets.length} connections open`);

    const send = (socket: WebSocket) => {
      const candidate = { candidate: "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", sdpMid: "0" };
      const payload = Buffer.from(JSON.stringify({ ...candidate, t: performance.now() })).toString("base64");
      socket.send(JSON.stringify({ action: "ICE_CANDIDATE", messagePayload: payload }));
    };
    // Viewers spread evenly over the interval, a few every 10 ms.
    let next = 0;
    const perTick = Math.ceil(viewers.length / (SEND_INTERVAL_MS / 10));
    const ticker = setInterval(() => {
      for (let i = 0; i < perTick; i++) send(viewers[next++ % viewers.length] as WebSocket);
    }, 10);
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // warm-up
    measuring = true;
    let rss = 0;
    const sampler = setInterval(() => {
      rss = Math.max(rss, child.rssMb());
    }, 500);
    await new Promise((resolve) => setTimeout(resolve, STEADY_SECONDS * 1000));
    measuring = false;
    clearInterval(ticker);
    clearInterval(sampler);
    const held = sockets.filter((socket) => socket.readyState === WebSocket.OPEN).length;
    const rate = Math.round(latencies.length / STEADY_SECONDS);
    log(`capacity: ${held} held, ${rate} msg/s relayed, RSS ${Math.round(rss)} MB`);
    const setup = `${CHANNELS} channels × (1 master + ${VIEWERS_PER_CHANNEL} viewers)`;
    return [
      judge({
        id: "emulator_connections_held",
        label: "emulator connections held",
        value: held,
        unit: "conns",
        goal: { on: "value", op: ">=", target: 2_000, text: "≥ 2,000" },
        note: setup,
      }),
      judge({
        id: "emulator_relay_p50_ms",
        label: `emulator relay latency p50 (${rate} msg/s)`,
        value: percentile(latencies, 50),
        unit: "ms",
        note: `viewer → master ICE_CANDIDATE, ${STEADY_SECONDS} s steady`,
      }),
      judge({
        id: "emulator_relay_p99_ms",
        label: `emulator relay latency p99 (${rate} msg/s)`,
        value: percentile(latencies, 99),
        unit: "ms",
        goal: { on: "value", op: "<=", target: 5, text: "≤ 5 ms" },
      }),
      judge({
        id: "emulator_rss_mb",
        label: "emulator RSS at 2,000 connections",
        value: rss,
        unit: "MB",
        goal: { on: "value", op: "<=", target: 300, text: "≤ 300 MB" },
        note: "peak VmRSS of the emulator process during the steady window",
      }),
    ];
  } finally {
    for (const socket of sockets) socket.terminate();
    await child.stop();
  }
}
