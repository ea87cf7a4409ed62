/**
 * Seat squatting: joins that never open a signaling connection must not fill a share. Over real
 * sockets, with the embedded emulator telling the server who is connected, and an injected clock.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { AbuseLimits } from "../config.ts";
import type { RunningEmulator } from "../emulator/index.ts";
import { apiClient, viewerTokenOf } from "../testing/api-client.ts";
import { type BeamServer, startBeamServer, startTestEmulator } from "../testing/beam-server.ts";

const clock = { skew: 0, now: () => Date.now() + clock.skew };
const limits = (viewersPerSession: number): AbuseLimits => ({
  trustProxyHops: 0,
  sessionsPerMinute: 0,
  joinsPerMinute: 0,
  sharerPerMinute: 0,
  maxSessions: 0,
  viewersPerSession,
  viewerSeatSeconds: 15,
});

let emulator: RunningEmulator;
const servers: BeamServer[] = [];
const sockets: WebSocket[] = [];
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  for (const ws of sockets) ws.close();
  for (const server of servers) await server.close();
  await emulator?.close();
});

async function shareWith(viewersPerSession: number) {
  const server = await startBeamServer(emulator, { clock, abuse: limits(viewersPerSession) });
  servers.push(server);
  const { api, createSession } = apiClient(() => server.url);
  const session = await createSession();
  const join = (viewerId: string, token = viewerTokenOf(session)) =>
    api(`/api/sessions/${session.sessionId}/viewers`, { body: { token, viewerId } });
  const connect = async (signedUrl: string) => {
    const ws = new WebSocket(signedUrl);
    sockets.push(ws);
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
  };
  const sharer = (path: string, body?: unknown) =>
    api(`/api/sessions/${session.sessionId}/${path}`, { token: session.masterToken, body });
  return { session, join, connect, sharer };
}

const squatters = (join: (id: string) => Promise<{ status: number }>, count: number, from = 0) =>
  Promise.all(Array.from({ length: count }, (_, i) => join(`squatter-${from + i}`)));

describe("seat squatting", () => {
  it("ten joins that never connect lapse; then a real viewer gets in and keeps its seat while connected", async () => {
    clock.skew = 0;
    const { join, connect } = await shareWith(10);
    expect((await squatters(join, 10)).map((a) => a.status)).toEqual(Array(10).fill(200));
    expect((await join("real-viewer-0001")).body.error.code).toBe("session_full");
    clock.skew += 15_000;
    const real = await join("real-viewer-0001");
    expect(real.status).toBe(200);
    await connect(real.body.signedUrl);
    clock.skew += 15_000;
    expect((await squatters(join, 9, 10)).map((a) => a.status)).toEqual(Array(9).fill(200));
    expect((await join("one-too-many")).body.error.code).toBe("session_full");
  });

  it("a viewer on a new link gets the seats that joins on the old link held", async () => {
    clock.skew = 0;
    const { join, sharer } = await shareWith(2);
    await squatters(join, 2);
    const { body } = await sharer("link");
    const newToken = (body.viewerUrl as string).split("#")[1];
    expect((await join("new-link-viewer", newToken)).status).toBe(200);
  });

  it("removing a connected viewer frees its seat at once", async () => {
    clock.skew = 0;
    const { join, connect, sharer } = await shareWith(1);
    const first = await join("first-viewer-01");
    await connect(first.body.signedUrl);
    expect((await join("second-viewer-2")).body.error.code).toBe("session_full");
    expect((await sharer("removals", { clientId: first.body.clientId })).status).toBe(204);
    expect((await join("second-viewer-2")).status).toBe(200);
  });
});
