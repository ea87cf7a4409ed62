/** DNS rebinding and cross-origin writes, over a real socket with the headers a browser would send. */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../emulator/index.ts";
import { type BeamServer, startBeamServer, startTestEmulator } from "../testing/beam-server.ts";
import { BEAM_CHROME_EXTENSION_ORIGIN } from "./origins.ts";

const FIREFOX = "moz-extension://0a1b2c3d-1111-2222-3333-444455556666";

let emulator: RunningEmulator;
let server: BeamServer;
let port: string;
beforeAll(async () => {
  emulator = await startTestEmulator();
  server = await startBeamServer(emulator, { allowedOrigins: [FIREFOX], allowedHosts: ["beam.lan"] });
  port = new URL(server.url).port;
});
afterAll(async () => {
  await server?.close();
  await emulator?.close();
});

/** Node's fetch will not send a chosen Host, so this speaks HTTP/1.1 with node:http. */
function send(method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; code: string | undefined }>((resolve, reject) => {
    const req = request(server.url + path, { method, headers }, (res) => {
      let text = "";
      res.on("data", (chunk) => {
        text += chunk;
      });
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, code: text && JSON.parse(text).error?.code }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

const createShare = (headers: Record<string, string>) =>
  send("POST", "/api/sessions", { "content-type": "application/json", ...headers }, '{"source":"tab"}');

describe("DNS rebinding", () => {
  it("refuses a share created through a rebound attacker name (it was 201)", async () => {
    const attacker = `rebind.attacker.example:${port}`;
    const answer = await createShare({ host: attacker, origin: `http://${attacker}` });
    expect(answer).toEqual({ status: 421, code: "host_not_allowed" });
    expect(emulator.channelNames()).toEqual([]);
  });

  it("refuses every route under a foreign Host, the viewer page and /healthz included", async () => {
    for (const path of ["/healthz", "/v/AAAAAAAAAAAAAAAAAAAAAA"]) {
      expect((await send("GET", path, { host: `rebind.attacker.example:${port}` })).status).toBe(421);
    }
  });

  it("serves the public host, localhost, IP literals and ALLOWED_HOSTS, on any port", async () => {
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      "[::1]:1",
      "192.168.1.20",
      "beam.lan:8787",
    ]) {
      expect((await send("GET", "/healthz", { host })).status, host).toBe(200);
    }
  });
});

describe("Origin of state-changing requests", () => {
  it("refuses a write from a foreign page even under an allowed Host", async () => {
    const answer = await createShare({ host: `127.0.0.1:${port}`, origin: "https://evil.example" });
    expect(answer).toEqual({ status: 403, code: "origin_not_allowed" });
    const otherExtension = await createShare({
      origin: "chrome-extension://abcdefghijklmnopabcdefghijklmnop",
    });
    expect(otherExtension).toEqual({ status: 403, code: "origin_not_allowed" });
    const sameHostOtherPort = await createShare({ origin: "http://127.0.0.1:1" });
    expect(sameHostOtherPort).toEqual({ status: 403, code: "origin_not_allowed" });
    const ended = await send("DELETE", "/api/sessions/AAAAAAAAAAAAAAAAAAAAAA", { origin: "null" });
    expect(ended).toEqual({ status: 403, code: "origin_not_allowed" });
    expect(emulator.channelNames()).toEqual([]);
  });

  it("accepts Beam's extensions, its own pages under any allowed name, and callers that send no Origin", async () => {
    for (const origin of [BEAM_CHROME_EXTENSION_ORIGIN, FIREFOX, server.url, `http://localhost:${port}`]) {
      expect((await createShare({ origin, host: `localhost:${port}` })).status, origin).toBe(201);
    }
    expect((await createShare({})).status).toBe(201);
  });
});
