import { describe, expect, it } from "vitest";
import type { CreateSessionResponse } from "../../protocol/api.ts";
import { startEmulator } from "./emulator/index.ts";
import { MAX_REMOVED_VIEWERS } from "./kvs/admission.ts";
import { apiClient, viewerTokenOf } from "./testing/api-client.ts";
import { startBeamServer } from "./testing/beam-server.ts";
import { TEST_CREDENTIALS } from "./testing/credentials.ts";
import { serverPerFile } from "./testing/server-per-file.ts";

const files = serverPerFile();
const { api, createSession } = apiClient(() => files.server().url);

const join = (
  session: CreateSessionResponse,
  options: { token?: string; viewerId?: string; base?: string } = {},
) =>
  api(`/api/sessions/${session.sessionId}/viewers`, {
    base: options.base,
    body: { token: options.token ?? viewerTokenOf(session), viewerId: options.viewerId },
  });

/** A refused join is a 4xx Beam error that carries nothing a viewer could connect with. */
function expectRefused(result: { status: number; body: unknown }, status: number, code: string) {
  expect(result.status).toBe(status);
  expect(result.body).toEqual({ error: { code, message: expect.any(String) } });
}

describe("removing a viewer and replacing the link (server enforcement)", () => {
  it("refuses a removed viewer id with 403 viewer_removed, and admits everyone else", async () => {
    const session = await createSession();
    const first = await join(session, { viewerId: "removed-browser-1" });
    expect(first.status).toBe(200);
    const removal = await api(`/api/sessions/${session.sessionId}/removals`, {
      token: session.masterToken,
      body: { clientId: first.body.clientId },
    });
    expect(removal.status).toBe(204);

    expectRefused(await join(session, { viewerId: "removed-browser-1" }), 403, "viewer_removed");
    expect((await join(session, { viewerId: "other-browser-22" })).status).toBe(200);
    // Removing twice is fine.
    const again = await api(`/api/sessions/${session.sessionId}/removals`, {
      token: session.masterToken,
      body: { clientId: first.body.clientId },
    });
    expect(again.status).toBe(204);
  });

  it("refuses the old link with 410 link_replaced after a new link, and admits the new one", async () => {
    const session = await createSession();
    const rotated = await api(`/api/sessions/${session.sessionId}/link`, { token: session.masterToken });
    expect(rotated.status).toBe(200);
    expect(rotated.body.viewerUrl.startsWith(`${files.server().url}/v/${session.sessionId}#`)).toBe(true);
    expect(rotated.body.viewerUrl).not.toBe(session.viewerUrl);

    expectRefused(await join(session), 410, "link_replaced");
    const fresh = await join(session, {
      token: viewerTokenOf({ ...session, viewerUrl: rotated.body.viewerUrl }),
    });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ source: "tab", title: "Demo", expiresAt: session.expiresAt });
  });

  it("keeps refusing after a restart: a fresh instance reads the channel's tags", async () => {
    const session = await createSession();
    const removed = await join(session, { viewerId: "restart-browser-1" });
    await api(`/api/sessions/${session.sessionId}/removals`, {
      token: session.masterToken,
      body: { clientId: removed.body.clientId },
    });
    const rotated = await api(`/api/sessions/${session.sessionId}/link`, { token: session.masterToken });
    const newToken = viewerTokenOf({ ...session, viewerUrl: rotated.body.viewerUrl });

    const restarted = await startBeamServer(files.emulator());
    try {
      expectRefused(await join(session, { base: restarted.url }), 410, "link_replaced");
      expectRefused(
        await join(session, { base: restarted.url, token: newToken, viewerId: "restart-browser-1" }),
        403,
        "viewer_removed",
      );
      const other = await join(session, {
        base: restarted.url,
        token: newToken,
        viewerId: "restart-browser-2",
      });
      expect(other.status).toBe(200);
    } finally {
      await restarted.close();
    }
  });

  it("only the master may remove or make a new link, with 4xx answers for bad requests", async () => {
    const session = await createSession();
    const viewerToken = viewerTokenOf(session);
    const id = session.sessionId;
    expectRefused(await api(`/api/sessions/${id}/link`), 401, "unauthorized");
    expectRefused(await api(`/api/sessions/${id}/link`, { token: viewerToken }), 403, "forbidden");
    expectRefused(
      await api(`/api/sessions/${id}/removals`, {
        token: viewerToken,
        body: { clientId: "viewer-abcdefgh" },
      }),
      403,
      "forbidden",
    );
    expectRefused(
      await api(`/api/sessions/${id}/removals`, { token: session.masterToken, body: { clientId: "AWS_x" } }),
      400,
      "invalid_request",
    );
    expectRefused(
      await api(`/api/sessions/${"x".repeat(22)}/link`, { token: session.masterToken }),
      403,
      "forbidden",
    );
    await api(`/api/sessions/${id}`, { method: "DELETE", token: session.masterToken });
    expectRefused(
      await api(`/api/sessions/${id}/link`, { token: session.masterToken }),
      410,
      "session_ended",
    );
    expectRefused(
      await api(`/api/sessions/${id}/removals`, {
        token: session.masterToken,
        body: { clientId: "viewer-abcdefgh" },
      }),
      410,
      "session_ended",
    );
  });

  it(`stops at ${MAX_REMOVED_VIEWERS} removals with 409 removal_limit, inside KVS's tag limit`, async () => {
    // KVS allows 5 tag calls per second per channel; this emulator lifts that so the test stays quick.
    const unthrottled = await startEmulator({
      credentials: TEST_CREDENTIALS,
      host: "127.0.0.1",
      port: 0,
      limits: { controlPlaneTpsPerChannel: 0 },
    });
    const quick = await startBeamServer(unthrottled);
    try {
      const client = apiClient(() => quick.url);
      const session = await client.createSession();
      const remove = (i: number) =>
        client.api(`/api/sessions/${session.sessionId}/removals`, {
          token: session.masterToken,
          body: { clientId: `viewer-limit${String(i).padStart(4, "0")}` },
        });
      for (let i = 0; i < MAX_REMOVED_VIEWERS; i++) expect((await remove(i)).status).toBe(204);
      expectRefused(await remove(MAX_REMOVED_VIEWERS), 409, "removal_limit");
      expect((await join(session, { base: quick.url })).status).toBe(200);
    } finally {
      await quick.close();
      await unthrottled.close();
    }
  });
});
