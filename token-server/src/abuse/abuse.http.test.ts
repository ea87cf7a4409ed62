/** Rate limits, the session cap and the viewer limit over real sockets, from several loopback addresses. */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateSessionResponse } from "../../../protocol/api.ts";
import type { AbuseLimits } from "../config.ts";
import type { RunningEmulator } from "../emulator/index.ts";
import { viewerTokenOf } from "../testing/api-client.ts";
import { type BeamServer, startBeamServer, startTestEmulator } from "../testing/beam-server.ts";

interface Answer {
  status: number;
  retryAfter: string | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: tests assert on whatever JSON came back
  body: any;
}

/** POSTs JSON from a chosen loopback source address (Linux routes all of 127/8 to lo). */
function post(
  server: BeamServer,
  path: string,
  body: unknown,
  from: string,
  headers: Record<string, string> = {},
) {
  const url = new URL(path, server.url);
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", localAddress: from, headers: { "content-type": "application/json", ...headers } },
      (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => {
          const retryAfter = res.headers["retry-after"];
          resolve({ status: res.statusCode ?? 0, retryAfter, body: text ? JSON.parse(text) : undefined });
        });
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

const LIMITS: AbuseLimits = {
  trustProxyHops: 0,
  sessionsPerMinute: 2,
  joinsPerMinute: 3,
  sharerPerMinute: 3,
  maxSessions: 0,
  viewersPerSession: 2,
  viewerSeatSeconds: 15,
};

let emulator: RunningEmulator;
let server: BeamServer;
beforeAll(async () => {
  emulator = await startTestEmulator();
  server = await startBeamServer(emulator, { abuse: LIMITS });
});
afterAll(async () => {
  await server?.close();
  await emulator?.close();
});

const create = (from: string, headers?: Record<string, string>) =>
  post(server, "/api/sessions", { source: "tab" }, from, headers);

describe("rate limits per client address", () => {
  it("429 rate_limited with Retry-After once an address has created its share of sessions", async () => {
    expect((await create("127.0.0.11")).status).toBe(201);
    expect((await create("127.0.0.11")).status).toBe(201);
    const refused = await create("127.0.0.11", { "x-forwarded-for": "198.51.100.1" });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    expect((await create("127.0.0.12")).status).toBe(201);
  });

  it("limits viewer joins per address, whatever the session", async () => {
    const session = (await create("127.0.0.13")).body as CreateSessionResponse;
    const join = () =>
      post(
        server,
        `/api/sessions/${session.sessionId}/viewers`,
        {
          token: viewerTokenOf(session),
          viewerId: "same-viewer-0001",
        },
        "127.0.0.14",
      );
    for (let i = 0; i < 3; i++) expect((await join()).status).toBe(200);
    const refused = await join();
    expect([refused.status, refused.body.error.code]).toEqual([429, "rate_limited"]);
    expect(refused.retryAfter).toMatch(/^\d+$/);
  });
  it("limits master-token requests per address, counting guesses with a wrong token too", async () => {
    const session = (await create("127.0.0.22")).body as CreateSessionResponse;
    const sharer = (path: string, token: string) =>
      post(server, `/api/sessions/${session.sessionId}/${path}`, {}, "127.0.0.23", {
        authorization: `Bearer ${token}`,
      });
    expect((await sharer("master", session.masterToken)).status).toBe(200);
    expect((await sharer("link", session.masterToken)).status).toBe(200);
    expect((await sharer("master", "guessed-token")).status).toBe(401);
    const refused = await sharer("master", session.masterToken);
    expect([refused.status, refused.body.error.code]).toEqual([429, "rate_limited"]);
    expect((await sharer("master", session.masterToken.replace(/.$/, "x"))).status).toBe(429);
  });
});

describe("viewer limit", () => {
  it("409 session_full past the limit of distinct viewers; a returning viewer keeps its seat", async () => {
    const session = (await create("127.0.0.15")).body as CreateSessionResponse;
    const join = (viewerId: string, from: string) =>
      post(
        server,
        `/api/sessions/${session.sessionId}/viewers`,
        { token: viewerTokenOf(session), viewerId },
        from,
      );
    expect((await join("viewer-aaaa-0001", "127.0.0.16")).status).toBe(200);
    expect((await join("viewer-bbbb-0002", "127.0.0.17")).status).toBe(200);
    const full = await join("viewer-cccc-0003", "127.0.0.18");
    expect(full).toMatchObject({ status: 409, body: { error: { code: "session_full" } } });
    expect((await join("viewer-aaaa-0001", "127.0.0.19")).status).toBe(200);
  });
});

describe("session cap", () => {
  it("429 too_many_sessions at MAX_SESSIONS channels; ending one makes room", async () => {
    const own = await startTestEmulator();
    const capped = await startBeamServer(own, { abuse: { ...LIMITS, sessionsPerMinute: 0, maxSessions: 2 } });
    try {
      const first = await post(capped, "/api/sessions", { source: "tab" }, "127.0.0.20");
      expect((await post(capped, "/api/sessions", { source: "camera" }, "127.0.0.20")).status).toBe(201);
      const refused = await post(capped, "/api/sessions", { source: "tab" }, "127.0.0.21");
      expect([refused.status, refused.body.error.code]).toEqual([429, "too_many_sessions"]);
      expect(own.channelNames()).toHaveLength(2);
      const session = first.body as CreateSessionResponse;
      const ended = await fetch(`${capped.url}/api/sessions/${session.sessionId}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${session.masterToken}` },
      });
      expect(ended.status).toBe(204);
      expect((await post(capped, "/api/sessions", { source: "tab" }, "127.0.0.21")).status).toBe(201);
    } finally {
      await capped.close();
      await own.close();
    }
  });
});
