import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateSessionResponse } from "../../protocol/api.ts";
import type { RunningEmulator } from "./emulator/index.ts";
import { apiClient, viewerTokenOf } from "./testing/api-client.ts";
import { type BeamServer, startBeamServer, startTestEmulator } from "./testing/beam-server.ts";
import { TEST_TOKEN_SECRET } from "./testing/credentials.ts";
import { createTokenService } from "./tokens.ts";

const API_KEY = "test-api-key-0123456789";
let emulator: RunningEmulator;
let server: BeamServer;

beforeAll(async () => {
  emulator = await startTestEmulator();
  server = await startBeamServer(emulator, { apiKey: API_KEY });
});
afterAll(async () => {
  await server?.close();
  await emulator?.close();
});
const { api, createSession } = apiClient(() => server.url, API_KEY);

describe("token server errors over HTTP", () => {
  let session: CreateSessionResponse;
  let other: CreateSessionResponse;
  beforeAll(async () => {
    [session, other] = await Promise.all([createSession(), createSession()]);
  });
  const viewers = () => `/api/sessions/${session.sessionId}/viewers`;

  it("401 without or with a wrong API key", async () => {
    for (const token of [undefined, "wrong-key-0123456789"]) {
      const response = await api("/api/sessions", { ...(token ? { token } : {}), body: { source: "tab" } });
      expect(response).toEqual({
        status: 401,
        body: { error: { code: "unauthorized", message: expect.any(String) } },
      });
    }
  });

  it("401 for a tampered or expired viewer token, and a missing master token", async () => {
    const token = viewerTokenOf(session);
    const tampered = `${token.slice(0, 5)}${token[5] === "x" ? "y" : "x"}${token.slice(6)}`;
    expect((await api(viewers(), { body: { token: tampered } })).body.error.code).toBe("invalid_token");
    const past = createTokenService({ secrets: [TEST_TOKEN_SECRET], clock: { now: () => Date.now() } });
    const expired = past.sign({
      sid: session.sessionId,
      role: "viewer",
      exp: Math.floor(Date.now() / 1000) - 1,
    });
    const response = await api(viewers(), { body: { token: expired } });
    expect(response).toEqual({
      status: 401,
      body: { error: { code: "token_expired", message: expect.any(String) } },
    });
    expect((await api(`/api/sessions/${session.sessionId}/master`)).status).toBe(401);
  });

  it("403 for another session's token or the wrong role", async () => {
    const foreign = await api(viewers(), { body: { token: viewerTokenOf(other) } });
    expect(foreign).toEqual({
      status: 403,
      body: { error: { code: "forbidden", message: expect.any(String) } },
    });
    expect(
      (await api(`/api/sessions/${session.sessionId}/master`, { token: other.masterToken })).status,
    ).toBe(403);
    expect(
      (await api(`/api/sessions/${session.sessionId}/master`, { token: viewerTokenOf(session) })).status,
    ).toBe(403);
    expect((await api(viewers(), { body: { token: session.masterToken } })).status).toBe(403);
    expect(
      (await api(`/api/sessions/${session.sessionId}`, { method: "DELETE", token: other.masterToken }))
        .status,
    ).toBe(403);
    expect(emulator.channelNames()).toContain(`beam-${session.sessionId}`);
  });

  it("404 for a malformed session id", async () => {
    const response = await api("/api/sessions/not*a*session/viewers", {
      body: { token: viewerTokenOf(session) },
    });
    expect(response).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: expect.any(String) } },
    });
  });

  it("400 for a bad body, 415 for a wrong content type, 413 for a huge body", async () => {
    const bad = await api("/api/sessions", { token: API_KEY, body: { source: "desktop" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toEqual({ code: "invalid_request", message: expect.stringContaining("source") });
    const form = await fetch(`${server.url}${viewers()}`, { method: "POST", body: "token=x" });
    expect(form.status).toBe(415);
    const huge = await api(viewers(), { body: { token: "x".repeat(20_000) } });
    expect(huge).toEqual({
      status: 413,
      body: { error: { code: "payload_too_large", message: expect.any(String) } },
    });
  });

  it("502 kvs_unavailable when KVS cannot be reached", async () => {
    const gone = await startTestEmulator();
    const orphan = await startBeamServer(gone);
    await gone.close();
    try {
      const response = await api("/api/sessions", { base: orphan.url, body: { source: "tab" } });
      expect(response).toEqual({
        status: 502,
        body: { error: { code: "kvs_unavailable", message: expect.any(String) } },
      });
    } finally {
      await orphan.close();
    }
  });
});
