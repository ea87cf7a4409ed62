/**
 * Property-based fuzzing of every token-server endpoint through `app.request()` (the socket does
 * not matter here), against a real emulator: no input may crash the app or earn a 5xx, every
 * refusal is a `{ error: { code, message } }` whose code matches its status, and a normal session
 * still works afterwards.
 */
import { setImmediate as turn } from "node:timers/promises";
import fc from "fast-check";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateSessionResponse } from "../../../protocol/api.ts";
import { ERROR_STATUS, isErrorBody } from "../../../protocol/errors.ts";
import type { RunningEmulator } from "../emulator/index.ts";
import { viewerTokenOf } from "../testing/api-client.ts";
import { type BeamServer, startBeamServer, startTestEmulator } from "../testing/beam-server.ts";
import { anyJson, enc, nasty, rawSegment } from "./arbitraries.ts";
import { FUZZ_RUNS } from "./runs.ts";

const API_KEY = "fuzz-api-key-0123456789abcdef";

let emulator: RunningEmulator;
let server: BeamServer;
let app: Hono;
let session: CreateSessionResponse;

beforeAll(async () => {
  emulator = await startTestEmulator();
  server = await startBeamServer(emulator, { apiKey: API_KEY });
  app = server.app;
  session = await createSession();
});
afterAll(async () => {
  await server?.close();
  await emulator?.close();
});

async function createSession(): Promise<CreateSessionResponse> {
  const response = await app.request("/api/sessions", {
    method: "POST",
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ source: "camera", title: "after the fuzz" }),
  });
  const json = await response.json();
  expect(response.status, JSON.stringify(json)).toBe(201);
  return json as CreateSessionResponse;
}

const sessionId = () =>
  fc.oneof(fc.constant(session.sessionId), fc.constant("AAAAAAAAAAAAAAAAAAAAAA"), nasty.map(enc), rawSegment);

const token = () =>
  fc.oneof(
    fc.constant(session.masterToken),
    fc.constant(viewerTokenOf(session)),
    fc.constant(API_KEY),
    nasty,
    fc.string({ unit: "grapheme", maxLength: 3000 }),
    fc
      .tuple(fc.base64String({ maxLength: 200 }), fc.base64String({ maxLength: 60 }))
      .map(([p, s]) => `${p}.${s}`),
  );

const jsonBody = () =>
  fc.oneof(
    anyJson,
    fc.record(
      { source: fc.oneof(fc.constantFrom("tab", "camera", "screen"), anyJson), title: anyJson },
      { requiredKeys: [] },
    ),
    fc.record(
      {
        token: fc.oneof(token(), anyJson),
        viewerId: fc.oneof(fc.string({ maxLength: 80 }), anyJson),
      },
      { requiredKeys: [] },
    ),
    fc.dictionary(nasty, anyJson, { maxKeys: 4 }),
  );

const body = () =>
  fc.oneof(
    { weight: 5, arbitrary: jsonBody().map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: nasty },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 16_000, max: 40_000 }).map((n) => `{"token":"${"x".repeat(n)}"}`),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );

const request = () =>
  fc.record({
    method: fc.constantFrom("GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD"),
    path: fc.oneof(
      fc.constant("/api/sessions"),
      sessionId().map((id) => `/api/sessions/${id}`),
      sessionId().map((id) => `/api/sessions/${id}/master`),
      sessionId().map((id) => `/api/sessions/${id}/viewers`),
      sessionId().map((id) => `/v/${id}`),
      fc.oneof(nasty.map(enc), rawSegment).map((name) => `/v/assets/${name}`),
      fc.constant("/healthz"),
      fc.oneof(nasty.map(enc), rawSegment).map((tail) => `/${tail}`),
    ),
    query: fc.option(
      nasty.map((q) => `?${enc(q)}=${enc(q)}`),
      { nil: "" },
    ),
    contentType: fc.option(
      fc.constantFrom(
        "application/json",
        "application/json; charset=utf-8",
        "text/plain",
        "APPLICATION/JSON",
        "application/jsonx",
        "multipart/form-data",
      ),
      { nil: undefined },
    ),
    authorization: fc.option(
      fc.oneof(
        token().map((t) => `Bearer ${t}`),
        nasty,
      ),
      { nil: undefined },
    ),
    origin: fc.option(
      fc.constantFrom("https://evil.example", "chrome-extension://abcdefghijklmnop", "null"),
      { nil: undefined },
    ),
    body: body(),
  });

describe("token server HTTP fuzzing", () => {
  it(`answers ${FUZZ_RUNS.tokenServerHttp} random requests without a 5xx, every refusal a coded error`, async () => {
    await fc.assert(
      fc.asyncProperty(request(), async (r) => {
        // `app.request()` of a route that makes no KVS call settles in microtasks alone; let the loop
        // reach its I/O phase, as a real server does between requests, so the KVS client sees its
        // keep-alive sockets close instead of reusing a dead one.
        await turn();
        const headers: Record<string, string> = {};
        if (r.contentType) headers["content-type"] = r.contentType;
        if (r.authorization !== undefined) headers.authorization = r.authorization;
        if (r.origin) headers.origin = r.origin;
        const hasBody = r.body !== undefined && r.method !== "GET" && r.method !== "HEAD";
        let response: Response;
        try {
          response = await app.request(`${r.path}${r.query}`, {
            method: r.method,
            headers,
            ...(hasBody ? { body: r.body as string | Uint8Array<ArrayBuffer> } : {}),
          });
        } catch (error) {
          // A header value the Fetch API itself refuses never reaches a server.
          if (error instanceof TypeError) return;
          throw error;
        }
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400 && r.method !== "HEAD") {
          const json: unknown = await response.json();
          expect(isErrorBody(json)).toBe(true);
          if (isErrorBody(json)) expect(ERROR_STATUS[json.error.code]).toBe(response.status);
        }
      }),
      { numRuns: FUZZ_RUNS.tokenServerHttp },
    );
  }, 60_000);

  it("still serves a normal session afterwards", async () => {
    const fresh = await createSession();
    const join = await app.request(`/api/sessions/${fresh.sessionId}/viewers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: viewerTokenOf(fresh) }),
    });
    expect(join.status).toBe(200);
    const end = await app.request(`/api/sessions/${fresh.sessionId}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${fresh.masterToken}` },
    });
    expect(end.status).toBe(204);
  });
});
