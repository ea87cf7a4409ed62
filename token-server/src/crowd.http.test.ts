/**
 * A crowd opening one link together, against the emulator's default quotas (3 viewer connects a
 * second per channel, as KVS): the server's connect slots let every viewer in on its first try,
 * where connecting at once gets most of the crowd refused.
 */
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { CreateSessionResponse, ViewerJoinResponse } from "../../protocol/api.ts";
import { apiClient, viewerTokenOf } from "./testing/api-client.ts";
import { serverPerFile } from "./testing/server-per-file.ts";

const files = serverPerFile();
const { api, createSession } = apiClient(() => files.server().url);
const sockets: WebSocket[] = [];
afterAll(() => {
  for (const ws of sockets) ws.close();
});

async function joinAll(session: CreateSessionResponse, count: number): Promise<ViewerJoinResponse[]> {
  const joins = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      api(`/api/sessions/${session.sessionId}/viewers`, {
        body: { token: viewerTokenOf(session), viewerId: `crowd-viewer-${String(i).padStart(4, "0")}` },
      }),
    ),
  );
  expect(joins.map((j) => j.status)).toEqual(Array(count).fill(200));
  return joins.map((j) => j.body as ViewerJoinResponse);
}

/** Opens the viewer's socket after `delayMs`: true if KVS's upgrade went through. */
async function connectAfter(signedUrl: string, delayMs: number): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  const ws = new WebSocket(signedUrl);
  sockets.push(ws);
  return new Promise((resolve) => {
    ws.once("open", () => resolve(true));
    ws.once("error", () => resolve(false));
  });
}

describe("a crowd of ten joining in the same second", () => {
  it("gets connect slots at KVS's rate, and every viewer that keeps to its slot connects first time", async () => {
    const session = await createSession();
    const viewers = await joinAll(session, 10);
    const delays = viewers.map((v) => v.connectDelayMs ?? 0).sort((a, b) => a - b);
    // Three at once, then three per (slightly more than a) second.
    expect(delays.filter((d) => d === 0)).toHaveLength(3);
    expect(delays[9]).toBeGreaterThanOrEqual(3_000);
    expect(delays[9]).toBeLessThan(4_000);
    const opened = await Promise.all(viewers.map((v) => connectAfter(v.signedUrl, v.connectDelayMs ?? 0)));
    expect(opened).toEqual(Array(10).fill(true));
  }, 15_000);

  it("is refused beyond the quota when it ignores the slots (what the slots are for)", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_200)); // the last test's window has passed
    const session = await createSession();
    const viewers = await joinAll(session, 10);
    const opened = await Promise.all(viewers.map((v) => connectAfter(v.signedUrl, 0)));
    expect(opened.filter(Boolean)).toHaveLength(3);
  }, 15_000);
});
