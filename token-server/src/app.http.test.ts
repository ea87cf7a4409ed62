import { ListTagsForResourceCommand } from "@aws-sdk/client-kinesis-video";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ViewerJoinResponse } from "../../protocol/api.ts";
import type { RunningEmulator } from "./emulator/index.ts";
import { createKvsClients } from "./kvs/clients.ts";
import { BEAM_TAG } from "./kvs/tags.ts";
import { apiClient, openSocket, viewerTokenOf } from "./testing/api-client.ts";
import { type BeamServer, startBeamServer, startTestEmulator } from "./testing/beam-server.ts";
import { TEST_CREDENTIALS, TEST_TOKEN_SECRET } from "./testing/credentials.ts";

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
        [BEAM_TAG.link]: expect.stringMatching(/^[A-Za-z0-9_-]{11}$/),
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
        ListTagsForResource: 1,
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
