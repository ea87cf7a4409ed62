/**
 * The embedded emulator shares the token server's process: a viewer flooding its signaling socket
 * with huge frames must not stall the HTTP API. Over real sockets, token server and emulator together.
 */
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { apiClient, viewerTokenOf } from "../testing/api-client.ts";
import { serverPerFile } from "../testing/server-per-file.ts";
import { record } from "./test-helpers.ts";

const files = serverPerFile();

async function openViewer() {
  const { api, createSession } = apiClient(() => files.server().url);
  const session = await createSession();
  const joined = await api(`/api/sessions/${session.sessionId}/viewers`, {
    body: { token: viewerTokenOf(session), viewerId: "flooding-viewer" },
  });
  const ws = new WebSocket(joined.body.signedUrl);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  return ws;
}

async function healthzMs(): Promise<number> {
  const started = performance.now();
  expect((await fetch(`${files.server().url}/healthz`)).status).toBe(200);
  return performance.now() - started;
}

describe("oversized signaling frames", () => {
  it("closes a socket sending 1 MB frames with 1009 before buffering them; /healthz stays fast", async () => {
    const ws = await openViewer();
    ws.on("error", () => {});
    const socket = record(ws);
    // With a correlationId, every frame the emulator parsed would earn a STATUS_RESPONSE.
    const frame = JSON.stringify({
      action: "SDP_OFFER",
      messagePayload: "A".repeat(1_000_000),
      correlationId: "flood",
    });
    for (let i = 0; i < 40; i++) ws.send(frame);
    const slowest = Math.max(...(await Promise.all([1, 2, 3, 4, 5].map(() => healthzMs()))));
    expect(await socket.closed).toBe(1009);
    expect(socket.frames).toEqual([]);
    // Loose: the flood's sender shares this process. Refused unread, no frame costs a parse.
    expect(slowest).toBeLessThan(1_000);
  });

  it("still answers a message modestly over the 10,000-character limit with KVS's STATUS_RESPONSE", async () => {
    const ws = await openViewer();
    const socket = record(ws);
    ws.send(JSON.stringify({ action: "SDP_OFFER", messagePayload: "A".repeat(20_000), correlationId: "c1" }));
    await expect
      .poll(() => socket.frames)
      .toEqual([
        {
          messageType: "STATUS_RESPONSE",
          statusResponse: expect.objectContaining({
            correlationId: "c1",
            errorType: "InvalidArgumentException",
          }),
        },
      ]);
    ws.close();
  });
});
