import { ListTagsForResourceCommand } from "@aws-sdk/client-kinesis-video";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { CreateSessionResponse, ViewerJoinResponse } from "../../protocol/api.ts";
import { parseViewerLink } from "../../protocol/link.ts";
import type { RunningEmulator } from "./emulator/index.ts";
import { createKvsClients } from "./kvs/clients.ts";
import { BEAM_TAG } from "./kvs/tags.ts";
import {
  type BeamServer,
  startBeamServer,
  startTestEmulator,
  TEST_CREDENTIALS,
  TEST_TOKEN_SECRET,
} from "./testing/beam-server.ts";
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

async function api(
  path: string,
  init: { method?: string; token?: string; body?: unknown; base?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${init.base ?? server.url}${path}`, {
    method: init.method ?? "POST",
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function createSession(
  body: unknown = { source: "tab", title: "Demo" },
): Promise<CreateSessionResponse> {
  const { status, body: session } = await api("/api/sessions", { token: API_KEY, body });
  expect(status).toBe(201);
  return session;
}

function viewerTokenOf(session: CreateSessionResponse): string {
  const link = parseViewerLink(new URL(session.viewerUrl));
  if (!link) throw new Error(`not a viewer link: ${session.viewerUrl}`);
  return link.token;
}

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once("open", () => resolve(socket));
    socket.once("unexpected-response", (_request, response) =>
      reject(new Error(`HTTP ${response.statusCode}`)),
    );
    socket.once("error", reject);
  });
}

describe("token server over HTTP against the emulator", () => {
  it("runs the whole session: create → viewer join → master refresh → delete → 410", async () => {
    const session = await createSession();
    expect(session.sessionId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(session.region).toBe(emulator.region);
    expect(session.channelArn).toContain(`:channel/beam-${session.sessionId}/`);
    expect(Date.parse(session.expiresAt) - Date.now()).toBeGreaterThan(3590_000);
    expect(session.viewerUrl.startsWith(`${server.url}/v/${session.sessionId}#`)).toBe(true);
    expect(session.master.signedUrl).toMatch(
      /^ws:\/\/127\.0\.0\.1:\d+\/\?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-ChannelARN=/,
    );
    expect(new URL(session.master.signedUrl).searchParams.has("X-Amz-ClientId")).toBe(false);
    expect(session.master.iceServers.length).toBeGreaterThan(0);

    const join = await api(`/api/sessions/${session.sessionId}/viewers`, {
      body: { token: viewerTokenOf(session) },
    });
    expect(join.status).toBe(200);
    const viewer = join.body as ViewerJoinResponse;
    expect(viewer).toMatchObject({
      region: emulator.region,
      channelArn: session.channelArn,
      source: "tab",
      title: "Demo",
    });
    expect(viewer.expiresAt).toBe(session.expiresAt);
    expect(viewer.clientId).toMatch(/^viewer-[A-Za-z0-9_-]{22}$/);
    expect(new URL(viewer.signedUrl).searchParams.get("X-Amz-ClientId")).toBe(viewer.clientId);

    const refresh = await api(`/api/sessions/${session.sessionId}/master`, { token: session.masterToken });
    expect(refresh.status).toBe(200);
    expect(Object.keys(refresh.body).sort()).toEqual(["iceServers", "signedUrl"]);

    expect(emulator.channelNames()).toContain(`beam-${session.sessionId}`);
    expect(
      (await api(`/api/sessions/${session.sessionId}`, { method: "DELETE", token: session.masterToken }))
        .status,
    ).toBe(204);
    expect(emulator.channelNames()).not.toContain(`beam-${session.sessionId}`);

    const late = await api(`/api/sessions/${session.sessionId}/viewers`, {
      body: { token: viewerTokenOf(session) },
    });
    expect(late).toEqual({
      status: 410,
      body: { error: { code: "session_ended", message: expect.any(String) } },
    });
    expect(
      (await api(`/api/sessions/${session.sessionId}/master`, { token: session.masterToken })).status,
    ).toBe(410);
    expect(
      (await api(`/api/sessions/${session.sessionId}`, { method: "DELETE", token: session.masterToken }))
        .status,
    ).toBe(204);
  });

  it("tags the channel with creator, source and expiry for the janitor", async () => {
    const session = await createSession({ source: "camera" });
    const clients = createKvsClients({
      region: emulator.region,
      endpoint: emulator.endpoint,
      credentials: TEST_CREDENTIALS,
    });
    try {
      const { Tags } = await clients.control.send(
        new ListTagsForResourceCommand({ ResourceARN: session.channelArn }),
      );
      expect(Tags).toEqual({
        [BEAM_TAG.creator]: "beam",
        [BEAM_TAG.source]: "camera",
        [BEAM_TAG.expiresAt]: String(Date.parse(session.expiresAt) / 1000),
      });
    } finally {
      clients.destroy();
    }
  });

  it("hands out presigned URLs the emulator's signaling WebSocket accepts, and it rejects a tampered one", async () => {
    const session = await createSession();
    const viewer = (
      await api(`/api/sessions/${session.sessionId}/viewers`, { body: { token: viewerTokenOf(session) } })
    ).body as ViewerJoinResponse;
    const sockets = await Promise.all([openSocket(session.master.signedUrl), openSocket(viewer.signedUrl)]);
    try {
      expect(emulator.connections(session.channelArn)).toEqual({ masters: 1, viewers: 1 });
      const tampered = viewer.signedUrl.replace(/X-Amz-ClientId=[^&]+/, "X-Amz-ClientId=intruder");
      await expect(openSocket(tampered)).rejects.toThrow("HTTP 403");
    } finally {
      for (const socket of sockets) socket.close();
    }
  });

  it("makes zero KVS calls for a warm viewer join", async () => {
    const session = await createSession();
    emulator.resetCalls();
    for (let i = 0; i < 3; i++) {
      const join = await api(`/api/sessions/${session.sessionId}/viewers`, {
        body: { token: viewerTokenOf(session) },
      });
      expect(join.status).toBe(200);
    }
    expect(emulator.calls().total).toBe(0);
  });

  it("serves a cold join on a fresh instance with the same secret, with one set of calls for concurrent joins", async () => {
    const session = await createSession();
    const restarted = await startBeamServer(emulator, { tokenSecret: TEST_TOKEN_SECRET });
    try {
      emulator.resetCalls();
      const joins = await Promise.all(
        Array.from({ length: 4 }, () =>
          api(`/api/sessions/${session.sessionId}/viewers`, {
            base: restarted.url,
            body: { token: viewerTokenOf(session) },
          }),
        ),
      );
      expect(joins.map((join) => join.status)).toEqual([200, 200, 200, 200]);
      expect(joins[0]?.body.channelArn).toBe(session.channelArn);
      expect(emulator.calls().byOperation).toEqual({
        DescribeSignalingChannel: 1,
        GetSignalingChannelEndpoint: 1,
        GetIceServerConfig: 1,
      });
      const refresh = await api(`/api/sessions/${session.sessionId}/master`, {
        base: restarted.url,
        token: session.masterToken,
      });
      expect(refresh.status).toBe(200);
    } finally {
      await restarted.close();
    }
  });

  it("answers 410 on a cold instance for a session deleted elsewhere", async () => {
    const session = await createSession();
    await api(`/api/sessions/${session.sessionId}`, { method: "DELETE", token: session.masterToken });
    const restarted = await startBeamServer(emulator);
    try {
      const join = await api(`/api/sessions/${session.sessionId}/viewers`, {
        base: restarted.url,
        body: { token: viewerTokenOf(session) },
      });
      expect(join.status).toBe(410);
      expect(join.body.error.code).toBe("session_ended");
    } finally {
      await restarted.close();
    }
  });

  it("gives a returning viewer (same viewerId) the same client id, and a new one otherwise", async () => {
    const session = await createSession();
    const join = async (viewerId?: string) =>
      (
        await api(`/api/sessions/${session.sessionId}/viewers`, {
          body: { token: viewerTokenOf(session), viewerId },
        })
      ).body.clientId as string;
    expect(await join("browser-A-123")).toBe(await join("browser-A-123"));
    expect(await join("browser-A-123")).not.toBe(await join("browser-B-123"));
    expect(await join()).not.toBe(await join());
  });
});

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
