import { describe, expect, it, vi } from "vitest";
import { type ConnectViewer, type EarlyJoinHost, startEarlyJoin, takeEarlyJoin } from "./early-join";

const SESSION = "AAAAAAAAAAAAAAAAAAAAAA";
const credentials = {
  clientId: "viewer-abcdefgh",
  signedUrl: "ws://127.0.0.1:8788/?X-Amz-ChannelARN=x",
  channelArn: "arn:aws:kinesisvideo:us-west-2:1:channel/beam-x/1",
  iceServers: [],
};

function host(pathname = `/v/${SESSION}`, hash = "#tok"): EarlyJoinHost & { stored: Map<string, string> } {
  const stored = new Map<string, string>();
  let now = 0;
  return {
    stored,
    location: { pathname, hash },
    localStorage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v) },
    crypto: { getRandomValues: <T extends ArrayBufferView | null>(a: T) => a },
    fetch: vi.fn(async () => {
      now = 42;
      return new Response(JSON.stringify(credentials), { status: 200 });
    }),
    performance: { now: () => now },
    RTCPeerConnection: class {},
  };
}

const connect = () => vi.fn<ConnectViewer>(() => ({ close: () => {} }));

describe("early join", () => {
  it("asks for credentials at once and hands the answer, its time and the viewer id to the bundle", async () => {
    const h = host();
    startEarlyJoin(h, connect());
    expect(h.fetch).toHaveBeenCalledOnce();
    const [url, init] = (h.fetch as ReturnType<typeof vi.fn>).mock.calls[0] ?? [];
    expect(url).toBe(`/api/sessions/${SESSION}/viewers`);
    const viewerId = h.stored.get("viewerId");
    expect(JSON.parse(String(init?.body))).toEqual({ token: "tok", viewerId });

    const early = takeEarlyJoin(h, { sessionId: SESSION, token: "tok" });
    expect(await early?.result).toEqual({ ok: true, credentials });
    expect(early).toMatchObject({ viewerId, answeredAt: 42 });
  });

  it("is taken once, and only for the link it was made for", () => {
    const h = host();
    startEarlyJoin(h, connect());
    expect(takeEarlyJoin(h, { sessionId: SESSION, token: "other" })).toBeUndefined();
    startEarlyJoin(h, connect());
    expect(takeEarlyJoin(h, { sessionId: SESSION, token: "tok" })).toBeDefined();
    expect(takeEarlyJoin(h, { sessionId: SESSION, token: "tok" })).toBeUndefined();
  });

  it("asks nothing for a bad link or a browser without WebRTC: the bundle says why", () => {
    const bad = host("/v/short", "#tok");
    startEarlyJoin(bad, connect());
    const noRtc = { ...host(), RTCPeerConnection: undefined };
    startEarlyJoin(noRtc, connect());
    expect(bad.fetch).not.toHaveBeenCalled();
    expect(noRtc.fetch).not.toHaveBeenCalled();
    expect(bad.beamEarlyJoin).toBeUndefined();
  });

  it("connects the moment the credentials arrive, and holds the attempt for the bundle", async () => {
    const h = host();
    const connecting = connect();
    startEarlyJoin(h, connecting);
    expect(connecting).not.toHaveBeenCalled();
    const early = takeEarlyJoin(h, { sessionId: SESSION, token: "tok" });
    await early?.result;
    expect(connecting).toHaveBeenCalledOnce();
    expect(connecting.mock.calls[0]?.[0]).toEqual(credentials);
    expect(early?.connection).toBeDefined();
  });

  it("does not connect when the server refuses the link", async () => {
    const h = host();
    h.fetch = vi.fn(async () =>
      Response.json({ error: { code: "session_ended", message: "ended" } }, { status: 410 }),
    );
    const connecting = connect();
    startEarlyJoin(h, connecting);
    const early = takeEarlyJoin(h, { sessionId: SESSION, token: "tok" });
    expect(await early?.result).toEqual({ ok: false, failure: "session_ended" });
    expect(connecting).not.toHaveBeenCalled();
    expect(early?.connection).toBeUndefined();
  });
});
