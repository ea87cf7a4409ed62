/** Slow and endless requests against Node's HTTP server, with the limits main.ts applies. */
import { request } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../emulator/index.ts";
import { type BeamServer, startBeamServer, startTestEmulator } from "../testing/beam-server.ts";

const SESSION = "AAAAAAAAAAAAAAAAAAAAAA";
let emulator: RunningEmulator;
let server: BeamServer;
beforeAll(async () => {
  emulator = await startTestEmulator();
  server = await startBeamServer(emulator, { http: { requestTimeoutMs: 1_000, maxConnections: 4 } });
});
afterAll(async () => {
  await server?.close();
  await emulator?.close();
});

/** Starts a POST whose declared body never finishes arriving; resolves with the status and when. */
function trickle(path: string, headers: Record<string, string>) {
  const started = Date.now();
  const req = request(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "content-length": "4000", ...headers },
  });
  req.on("error", () => {});
  req.write('{"clientId":"');
  const answered = new Promise<{ status: number; ms: number }>((resolve) =>
    req.on("response", (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, ms: Date.now() - started });
    }),
  );
  return { answered, stop: () => req.destroy() };
}

describe("slow bodies", () => {
  it("answers a removal with a bad token 401 at once, without waiting for its (slow) body", async () => {
    const slow = trickle(`/api/sessions/${SESSION}/removals`, { authorization: "Bearer not-a-token" });
    try {
      const { status, ms } = await slow.answered;
      expect(status).toBe(401);
      expect(ms).toBeLessThan(500);
    } finally {
      slow.stop();
    }
  });

  it("cuts off a body that never completes once the request timeout has passed", async () => {
    const slow = trickle(`/api/sessions/${SESSION}/viewers`, {});
    try {
      const { status, ms } = await slow.answered;
      expect(status).toBe(408);
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(5_000);
    } finally {
      slow.stop();
    }
  });

  it("closes a connection whose headers never finish", async () => {
    const started = Date.now();
    const socket = connect(Number(new URL(server.url).port), "127.0.0.1");
    socket.write("POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    let reply = "";
    socket.on("data", (chunk) => {
      reply += chunk;
    });
    await new Promise((resolve) => socket.once("close", resolve));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
  });

  it("refuses connections past the cap", async () => {
    const port = Number(new URL(server.url).port);
    const held = Array.from({ length: 4 }, () => connect(port, "127.0.0.1"));
    await Promise.all(held.map((socket) => new Promise((resolve) => socket.once("connect", resolve))));
    try {
      const extra = connect(port, "127.0.0.1");
      extra.on("error", () => {});
      extra.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      let reply = "";
      extra.on("data", (chunk) => {
        reply += chunk;
      });
      await new Promise((resolve) => extra.once("close", resolve));
      expect(reply).toBe("");
    } finally {
      for (const socket of held) socket.destroy();
    }
  });
});
