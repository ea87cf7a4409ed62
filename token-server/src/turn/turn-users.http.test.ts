/** Each peer's TURN user, over the real token server and emulator with a TURN server configured. */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IceServer } from "../../../protocol/api.ts";
import { type RunningEmulator, startEmulator } from "../emulator/index.ts";
import { apiClient, viewerTokenOf } from "../testing/api-client.ts";
import { type BeamServer, startBeamServer } from "../testing/beam-server.ts";
import { TEST_CREDENTIALS } from "../testing/credentials.ts";

const SECRET = "turn-users-secret-0123456789";
let emulator: RunningEmulator;
let server: BeamServer;
beforeAll(async () => {
  const turn = { urls: ["turn:127.0.0.1:3478?transport=udp"], secret: SECRET, ttlSeconds: 300 };
  emulator = await startEmulator({ credentials: TEST_CREDENTIALS, host: "127.0.0.1", port: 0, turn });
  // As main.ts configures it for TURN_URLS + TURN_SECRET: each peer gets a TURN user of its own.
  server = await startBeamServer(emulator, { turn: { mode: "external", ...turn } });
});
afterAll(async () => {
  await server?.close();
  await emulator?.close();
});

/** The TURN entry's user, after checking coturn would accept its password. */
function turnUser(servers: IceServer[]): string {
  const turn = servers.find((s) => [s.urls].flat().some((url) => url.startsWith("turn:")));
  const username = turn?.username ?? "";
  expect(turn?.credential).toBe(createHmac("sha1", SECRET).update(username).digest("base64"));
  const [expiry, user] = username.split(":");
  expect(Number(expiry) - Date.now() / 1000).toBeGreaterThan(290);
  return user ?? "";
}

describe("TURN users", () => {
  it("gives the sharer and each viewer a TURN user of their own, so a removed viewer's is its alone", async () => {
    const { api, createSession } = apiClient(() => server.url);
    const session = await createSession();
    const join = async (viewerId: string) => {
      const answer = await api(`/api/sessions/${session.sessionId}/viewers`, {
        body: { token: viewerTokenOf(session), viewerId },
      });
      return { clientId: answer.body.clientId as string, user: turnUser(answer.body.iceServers) };
    };
    const first = await join("viewer-one-0001");
    const second = await join("viewer-two-0002");
    const sharer = turnUser(session.master.iceServers);
    expect(first.user).toBe(first.clientId);
    expect(second.user).toBe(second.clientId);
    expect(new Set([first.user, second.user, sharer]).size).toBe(3);
    const refreshed = await api(`/api/sessions/${session.sessionId}/master`, { token: session.masterToken });
    expect(turnUser(refreshed.body.iceServers)).toBe(sharer);
  });
});
