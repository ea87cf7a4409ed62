import { describe, expect, it } from "vitest";
import { BeamError } from "../../protocol/errors.ts";
import { createApp } from "./app.ts";
import { BEAM_CHROME_EXTENSION_ORIGIN } from "./http/origins.ts";
import type { KvsBackend } from "./kvs/port.ts";
import { createLogger } from "./logger.ts";
import { createTokenService } from "./tokens.ts";
import type { ViewerFiles } from "./viewer-files.ts";

const API_KEY = "routing-api-key-0123456789";
const PUBLIC_URL = "http://127.0.0.1:8787";
const clock = { now: () => Date.now() };

/** Routing tests never reach KVS: this backend records any attempt and fails it. */
function unreachableKvs(failWith: Error = new Error("KVS must not be called")) {
  const calls: string[] = [];
  const fail = async (method: string): Promise<never> => {
    calls.push(method);
    throw failWith;
  };
  const kvs: KvsBackend = {
    mode: "emulator",
    region: "us-west-2",
    createSessionChannel: () => fail("createSessionChannel"),
    masterCredentials: () => fail("masterCredentials"),
    viewerCredentials: () => fail("viewerCredentials"),
    countSessionChannels: () => fail("countSessionChannels"),
    listSessionChannels: () => fail("listSessionChannels"),
    channelTags: () => fail("channelTags"),
    deleteChannelArn: () => fail("deleteChannelArn"),
    deleteChannel: () => fail("deleteChannel"),
    admission: () => fail("admission"),
    replaceLink: () => fail("replaceLink"),
    removeViewer: () => fail("removeViewer"),
    clearCache: () => {},
  };
  return { kvs, calls };
}

function appWith(options: { kvs?: KvsBackend; viewerFiles?: ViewerFiles; logLines?: string[] } = {}) {
  const { kvs, calls } = options.kvs ? { kvs: options.kvs, calls: [] } : unreachableKvs();
  const app = createApp({
    config: { apiKey: API_KEY, publicUrl: PUBLIC_URL, sessionTtlSeconds: 3600 },
    kvs,
    tokens: createTokenService({ secrets: ["r".repeat(32)], clock }),
    clock,
    logger: createLogger({ level: "debug", write: (line) => options.logLines?.push(line) }),
    viewerFiles: options.viewerFiles ?? { read: async () => null },
  });
  return { app, calls };
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", authorization: `Bearer ${API_KEY}`, ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

describe("routing", () => {
  it("GET /healthz reports the KVS mode and region", async () => {
    const response = await appWith().app.request("/healthz");
    expect(await response.json()).toEqual({ ok: true, kvs: "emulator", region: "us-west-2" });
  });

  it("rejects bad requests before touching KVS", async () => {
    const { app, calls } = appWith();
    const cases: [RequestInit, number, string][] = [
      [json("{not json"), 400, "invalid_request"],
      [json({ source: "tab", extra: 1 }), 400, "invalid_request"],
      [json([]), 400, "invalid_request"],
      [
        {
          ...json({ source: "tab" }),
          headers: { authorization: `Bearer ${API_KEY}`, "content-type": "text/plain" },
        },
        415,
        "unsupported_media_type",
      ],
      [json({ source: "tab", title: "x".repeat(17_000) }), 413, "payload_too_large"],
      [json({ source: "tab" }, { authorization: "Bearer nope" }), 401, "unauthorized"],
      [json({ source: "tab" }, { authorization: "" }), 401, "unauthorized"],
    ];
    for (const [init, status, code] of cases) {
      const response = await app.request("/api/sessions", init);
      expect([response.status, (await response.json()).error.code]).toEqual([status, code]);
    }
    expect(calls).toEqual([]);
  });

  it("answers unknown routes with a JSON 404", async () => {
    const response = await appWith().app.request("/api/nothing");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: "No route for GET /api/nothing." },
    });
  });

  it("maps KVS failures to their codes and hides unexpected errors behind a logged 500 without secrets", async () => {
    const throttled = appWith({ kvs: unreachableKvs(new BeamError("kvs_throttled", "slow down")).kvs });
    expect((await throttled.app.request("/api/sessions", json({ source: "tab" }))).status).toBe(503);

    const logLines: string[] = [];
    const { app } = appWith({ kvs: unreachableKvs(new Error("boom")).kvs, logLines });
    const response = await app.request("/api/sessions", json({ source: "tab" }));
    expect(response.status).toBe(500);
    expect((await response.json()).error.code).toBe("internal");
    const log = logLines.join("\n");
    expect(log).toContain("boom");
    expect(log).not.toContain(API_KEY);
  });

  it("grants CORS to Beam's extension and its own origin; another extension's preflight gets none", async () => {
    const { app } = appWith();
    const preflight = (origin: string) =>
      app.request("/api/sessions", {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization",
        },
      });
    for (const origin of [BEAM_CHROME_EXTENSION_ORIGIN, PUBLIC_URL]) {
      expect((await preflight(origin)).headers.get("access-control-allow-origin")).toBe(origin);
    }
    for (const origin of [
      "chrome-extension://abcdefghijklmnopabcdefghijklmnop",
      "moz-extension://0a1b2c3d-1111-2222-3333-444455556666",
      "https://evil.example",
    ]) {
      expect((await preflight(origin)).headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("grants CORS to origins configured in ALLOWED_ORIGINS (a Firefox install's UUID)", async () => {
    const firefox = "moz-extension://0a1b2c3d-1111-2222-3333-444455556666";
    const app = createApp({
      config: { apiKey: API_KEY, publicUrl: PUBLIC_URL, sessionTtlSeconds: 3600, allowedOrigins: [firefox] },
      kvs: unreachableKvs().kvs,
      tokens: createTokenService({ secrets: ["r".repeat(32)], clock }),
      clock,
      logger: createLogger({ level: "silent" }),
      viewerFiles: { read: async () => null },
    });
    const response = await app.request("/api/sessions", {
      method: "OPTIONS",
      headers: { origin: firefox, "access-control-request-method": "POST" },
    });
    expect(response.headers.get("access-control-allow-origin")).toBe(firefox);
  });
});

describe("viewer page", () => {
  const files: Record<string, string> = {
    "index.html": "<!doctype html><title>viewer</title>",
    "assets/index-abc123.js": "console.log(1)",
  };
  const viewerFiles: ViewerFiles = {
    read: async (path) => (path in files ? new TextEncoder().encode(files[path]) : null),
  };

  it("serves a placeholder until the page is built", async () => {
    const response = await appWith().app.request("/v/AAAAAAAAAAAAAAAAAAAAAA");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("npm run build:viewer");
  });

  it("serves the built page uncached and hashed assets cached for good", async () => {
    const { app } = appWith({ viewerFiles });
    const page = await app.request("/v/AAAAAAAAAAAAAAAAAAAAAA");
    expect(await page.text()).toBe(files["index.html"]);
    expect(page.headers.get("cache-control")).toBe("no-cache");
    const asset = await app.request("/v/assets/index-abc123.js");
    expect(asset.headers.get("content-type")).toContain("text/javascript");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await app.request("/v/assets/missing.js")).status).toBe(404);
  });
});
