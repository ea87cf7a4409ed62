import { describe, expect, it, vi } from "vitest";
import { requestViewerCredentials } from "./join-client";

const okBody = {
  clientId: "c1",
  signedUrl: "ws://127.0.0.1:1/x",
  iceServers: [],
  region: "us-west-2",
  channelArn: "arn",
  source: "camera",
  expiresAt: "2030-01-01T00:00:00Z",
};

const respond = (status: number, body: unknown) =>
  vi.fn(async () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status }));

describe("requestViewerCredentials", () => {
  it("posts the token in the body, never in the URL", async () => {
    const fetchFn = respond(200, okBody);
    const result = await requestViewerCredentials(fetchFn, "S".repeat(16), {
      token: "secret.tok",
      viewerId: "v".repeat(22),
    });
    expect(result).toEqual({ ok: true, credentials: okBody });
    const [url, init] = fetchFn.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`/api/sessions/${"S".repeat(16)}/viewers`);
    expect(url).not.toContain("secret");
    expect(init.method).toBe("POST");
    expect(JSON.parse(String(init.body))).toEqual({ token: "secret.tok", viewerId: "v".repeat(22) });
  });

  it("returns the server's error code", async () => {
    const body = { error: { code: "session_ended", message: "gone" } };
    expect(await requestViewerCredentials(respond(410, body), "s", { token: "t" })).toEqual({
      ok: false,
      failure: "session_ended",
    });
  });

  it("falls back to the status when the body is not Beam's", async () => {
    expect(await requestViewerCredentials(respond(409, "<html>"), "s", { token: "t" })).toEqual({
      ok: false,
      failure: "session_full",
    });
    expect(await requestViewerCredentials(respond(502, "bad gateway"), "s", { token: "t" })).toEqual({
      ok: false,
      failure: "internal",
    });
  });

  it("reports a network failure", async () => {
    const fetchFn = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(await requestViewerCredentials(fetchFn, "s", { token: "t" })).toEqual({
      ok: false,
      failure: "network",
    });
  });
});
