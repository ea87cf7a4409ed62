/**
 * A crowd opening one link together, against the emulator's default quotas (3 viewer connects a
 * second per channel, as KVS): following the server's connect slots (and retrying after a jittered
 * wait when refused, as the viewer page does) lets every viewer in, nearly all on the first try,
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

const viewerId = (i: number) => `crowd-viewer-${String(i).padStart(4, "0")}`;

async function join(session: CreateSessionResponse, i: number): Promise<ViewerJoinResponse> {
  const answer = await api(`/api/sessions/${session.sessionId}/viewers`, {
    body: { token: viewerTokenOf(session), viewerId: viewerId(i) },
  });
  expect(answer.status).toBe(200);
  return answer.body as ViewerJoinResponse;
}

const joinAll = (session: CreateSessionResponse, count: number) =>
  Promise.all(Array.from({ length: count }, (_, i) => join(session, i)));

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
  it("gets connect slots at KVS's rate, and every viewer that keeps to them connects", async () => {
    const session = await createSession();
    const viewers = await joinAll(session, 10);
    const delays = viewers.map((v) => v.connectDelayMs ?? 0).sort((a, b) => a - b);
    // Three at once, then three per (slightly more than a) second; the later joins of the crowd
    // reach the server a little after the first, so their waits are that much shorter.
    expect(delays.filter((d) => d === 0)).toHaveLength(3);
    expect(delays[9]).toBeGreaterThan(1_500);
    expect(delays[9]).toBeLessThanOrEqual(3_300);
    let refusals = 0;
    const connect = async (credentials: ViewerJoinResponse, delayMs: number): Promise<void> => {
      if (await connectAfter(credentials.signedUrl, delayMs)) return;
      // A connect that came late (a busy machine) and was refused tries again, jittered.
      refusals++;
      return connect(credentials, 300 + Math.random() * 200);
    };
    await Promise.all(viewers.map((v) => connect(v, v.connectDelayMs ?? 0)));
    expect(files.emulator().connections(session.channelArn).viewers).toBe(10);
    // Ignoring the slots gets seven of ten refused (below); keeping to them, only a connect that a
    // busy machine sent late is.
    expect(refusals).toBeLessThanOrEqual(4);
  }, 20_000);

  it("is refused beyond the quota when it ignores the slots (what the slots are for)", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_200)); // the last test's window has passed
    const session = await createSession();
    const viewers = await joinAll(session, 10);
    const opened = await Promise.all(viewers.map((v) => connectAfter(v.signedUrl, 0)));
    expect(opened.filter(Boolean)).toHaveLength(3);
  }, 15_000);
});
