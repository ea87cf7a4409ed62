/**
 * Who may do what, over real sockets: every API operation against every kind of credential, and
 * every way of bending a presigned signaling URL, which the emulator must refuse as KVS does (403).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateSessionResponse, ViewerJoinResponse } from "../../protocol/api.ts";
import type { RunningEmulator } from "./emulator/index.ts";
import { apiClient, openSocket, viewerTokenOf } from "./testing/api-client.ts";
import { type BeamServer, startBeamServer, startTestEmulator } from "./testing/beam-server.ts";
import { TEST_TOKEN_SECRET } from "./testing/credentials.ts";
import { createTokenService, type TokenClaims } from "./tokens.ts";

const API_KEY = "auth-matrix-api-key-0123456789";
let emulator: RunningEmulator;
let server: BeamServer;
let a: CreateSessionResponse;
let b: CreateSessionResponse;

beforeAll(async () => {
  emulator = await startTestEmulator();
  server = await startBeamServer(emulator, { apiKey: API_KEY });
  [a, b] = await Promise.all([createSession(), createSession()]);
});
afterAll(async () => {
  await server?.close();
  await emulator?.close();
});
const { api, createSession } = apiClient(() => server.url, API_KEY);

const nowSeconds = () => Math.floor(Date.now() / 1000);
const sign = (claims: Omit<TokenClaims, "v">, secret = TEST_TOKEN_SECRET) =>
  createTokenService({ secrets: [secret], clock: { now: () => 0 } }).sign(claims);
const flipLast = (token: string) => `${token.slice(0, -2)}${token.at(-2) === "A" ? "B" : "A"}${token.at(-1)}`;

/** Every credential a caller might bring for session A, and what each operation must answer. */
function credentials(): Record<string, { token?: string; master: string; viewer: string }> {
  const exp = nowSeconds() + 600;
  return {
    "no token": { master: "401 unauthorized", viewer: "400 invalid_request" },
    garbage: { token: "not-a-token", master: "401 invalid_token", viewer: "401 invalid_token" },
    "A's master token": { token: a.masterToken, master: "ok", viewer: "403 forbidden" },
    "A's viewer token": { token: viewerTokenOf(a), master: "403 forbidden", viewer: "ok" },
    "B's master token": { token: b.masterToken, master: "403 forbidden", viewer: "403 forbidden" },
    "B's viewer token": { token: viewerTokenOf(b), master: "403 forbidden", viewer: "403 forbidden" },
    "tampered master token": {
      token: flipLast(a.masterToken),
      master: "401 invalid_token",
      viewer: "401 invalid_token",
    },
    "tampered viewer token": {
      token: flipLast(viewerTokenOf(a)),
      master: "401 invalid_token",
      viewer: "401 invalid_token",
    },
    "expired master token": {
      token: sign({ sid: a.sessionId, role: "master", exp: nowSeconds() - 1 }),
      master: "401 token_expired",
      viewer: "401 token_expired",
    },
    "expired viewer token": {
      token: sign({ sid: a.sessionId, role: "viewer", exp: nowSeconds() - 1 }),
      master: "401 token_expired",
      viewer: "401 token_expired",
    },
    "master token from another secret": {
      token: sign({ sid: a.sessionId, role: "master", exp }, "x".repeat(40)),
      master: "401 invalid_token",
      viewer: "401 invalid_token",
    },
    "the API key": { token: API_KEY, master: "401 invalid_token", viewer: "401 invalid_token" },
  };
}

const outcome = (status: number, body: { error?: { code: string } } | undefined) =>
  status < 300 ? "ok" : `${status} ${body?.error?.code}`;

describe("API auth matrix", () => {
  it("session creation needs the API key: none or a wrong one is 401", async () => {
    const cases: [string | undefined, string][] = [
      [undefined, "401 unauthorized"],
      ["wrong-api-key-0123456789", "401 unauthorized"],
      [a.masterToken, "401 unauthorized"],
      [API_KEY, "ok"],
    ];
    for (const [token, expected] of cases) {
      const { status, body } = await api("/api/sessions", {
        ...(token ? { token } : {}),
        body: { source: "tab" },
      });
      expect(`${token?.slice(0, 8)}: ${outcome(status, body)}`).toBe(`${token?.slice(0, 8)}: ${expected}`);
    }
  });

  it("master credentials, viewer join, end session, removals and new link answer each credential as the matrix says", async () => {
    const seen: Record<string, string[]> = {};
    const want: Record<string, string[]> = {};
    for (const [name, c] of Object.entries(credentials())) {
      const master = await api(`/api/sessions/${a.sessionId}/master`, c.token ? { token: c.token } : {});
      const viewer = await api(`/api/sessions/${a.sessionId}/viewers`, {
        body: c.token ? { token: c.token } : {},
      });
      // DELETE only with credentials that must fail, so session A lives through the matrix.
      const end =
        c.master === "ok"
          ? "skipped"
          : (({ status, body }) => outcome(status, body))(
              await api(`/api/sessions/${a.sessionId}`, {
                method: "DELETE",
                ...(c.token ? { token: c.token } : {}),
              }),
            );
      const auth = c.token ? { token: c.token } : {};
      const removal = await api(`/api/sessions/${a.sessionId}/removals`, {
        ...auth,
        body: { clientId: "viewer-auth-matrix-0" },
      });
      // A new link with A's master token would refuse A's viewer token in the rows that follow.
      const link =
        c.master === "ok"
          ? "skipped"
          : (({ status, body }) => outcome(status, body))(
              await api(`/api/sessions/${a.sessionId}/link`, auth),
            );
      seen[name] = [
        outcome(master.status, master.body),
        outcome(viewer.status, viewer.body),
        end,
        outcome(removal.status, removal.body),
        link,
      ];
      const skipped = c.master === "ok" ? "skipped" : c.master;
      want[name] = [c.master, c.viewer, skipped, c.master, skipped];
    }
    expect(seen).toEqual(want);
    expect(emulator.channelNames()).toContain(`beam-${a.sessionId}`);
  });
});

describe("presigned URL matrix (the emulator refuses what KVS refuses)", () => {
  let viewer: ViewerJoinResponse;
  beforeAll(async () => {
    viewer = (await api(`/api/sessions/${a.sessionId}/viewers`, { body: { token: viewerTokenOf(a) } })).body;
  });
  const refused = (url: string, headers?: Record<string, string>) =>
    expect(openSocket(url, headers ? { headers } : {})).rejects.toThrow("HTTP 403");

  it("accepts the URLs as handed out", async () => {
    const sockets = await Promise.all([openSocket(a.master.signedUrl), openSocket(viewer.signedUrl)]);
    for (const socket of sockets) socket.close();
  });

  it("refuses a tampered signature, client id or expiry", async () => {
    await refused(
      viewer.signedUrl.replace(
        /X-Amz-Signature=([0-9a-f])/,
        (_m, c) => `X-Amz-Signature=${c === "0" ? "1" : "0"}`,
      ),
    );
    await refused(viewer.signedUrl.replace(/X-Amz-ClientId=[^&]+/, "X-Amz-ClientId=intruder"));
    await refused(viewer.signedUrl.replace(/X-Amz-Expires=\d+/, "X-Amz-Expires=299"));
    await refused(`${a.master.signedUrl}&X-Amz-ClientId=viewer-extra`);
  });

  it("refuses a URL re-targeted at another channel or presented to another host", async () => {
    const channelParam = (arn: string) => `X-Amz-ChannelARN=${encodeURIComponent(arn)}`;
    await refused(viewer.signedUrl.replace(channelParam(a.channelArn), channelParam(b.channelArn)));
    await refused(a.master.signedUrl.replace(channelParam(a.channelArn), channelParam(b.channelArn)));
    const port = new URL(viewer.signedUrl).port;
    await refused(viewer.signedUrl, { host: `kinesisvideo.example.com:${port}` });
    await refused(viewer.signedUrl, { host: `localhost:${port}` });
  });

  it("refuses an expired URL", async () => {
    const past = await startBeamServer(emulator, {
      apiKey: API_KEY,
      clock: { now: () => Date.now() - 10 * 60_000 },
    });
    try {
      const old = await apiClient(() => past.url, API_KEY).createSession();
      await refused(old.master.signedUrl);
    } finally {
      await past.close();
    }
  });
});
