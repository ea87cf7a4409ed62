import { SigV4RequestSigner } from "amazon-kinesis-video-streams-webrtc";
import { describe, expect, it } from "vitest";
import { createPresigner } from "./presign.ts";

const credentials = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const date = new Date(Date.UTC(2026, 10, 24, 12, 0, 0));
const arn = "arn:aws:kinesisvideo:us-west-2:123456789012:channel/beam-abc/1700000000000";

describe("presign", () => {
  it("produces exactly the URL the official SigV4RequestSigner produces", async () => {
    const presign = createPresigner({
      region: "us-west-2",
      credentials: async () => credentials,
      expiresSeconds: 299,
      clock: { now: () => date.getTime() },
    });
    const official = new SigV4RequestSigner("us-west-2", credentials);
    const endpoint = "wss://m-1234abcd.kinesisvideo.us-west-2.amazonaws.com";
    const query = { "X-Amz-ChannelARN": arn, "X-Amz-ClientId": "viewer-1" };
    expect(await presign(endpoint, query)).toBe(await official.getSignedURL(endpoint, query, date));
    const master = { "X-Amz-ChannelARN": arn };
    expect(await presign(`${endpoint}:8443/`, master)).toBe(
      await official.getSignedURL(`${endpoint}:8443/`, master, date),
    );
  });

  it("signs with the credentials and the second of each call, whatever it signed before", async () => {
    let now = date.getTime();
    let current: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = credentials;
    const presign = createPresigner({
      region: "us-west-2",
      credentials: async () => current,
      expiresSeconds: 299, // SigV4RequestSigner's own
      clock: { now: () => now },
    });
    const endpoint = "wss://v-1234abcd.kinesisvideo.us-west-2.amazonaws.com";
    const query = { "X-Amz-ChannelARN": arn, "X-Amz-ClientId": "viewer-2" };
    const rotated = { accessKeyId: "ASIAEXAMPLE", secretAccessKey: "other/secret+", sessionToken: "tok/+=" };
    for (const [at, identity] of [
      [now, credentials],
      [now + 1_000, credentials],
      [now + 86_400_000, credentials],
      [now + 86_400_000, rotated],
    ] as const) {
      now = at;
      current = identity;
      const official = new SigV4RequestSigner("us-west-2", identity);
      expect(await presign(endpoint, query)).toBe(await official.getSignedURL(endpoint, query, new Date(at)));
    }
  });

  it("signs session-token credentials with the token inside the signed query", async () => {
    const withToken = { ...credentials, sessionToken: "FwoGZXIvYXdzEXAMPLE/+=" };
    const presign = createPresigner({
      region: "eu-west-1",
      credentials: async () => withToken,
      expiresSeconds: 60,
      clock: { now: () => date.getTime() },
    });
    const url = new URL(await presign("ws://127.0.0.1:8788", { "X-Amz-ChannelARN": arn }));
    expect(url.protocol).toBe("ws:");
    expect(url.host).toBe("127.0.0.1:8788");
    expect(url.searchParams.get("X-Amz-Security-Token")).toBe(withToken.sessionToken);
    expect(url.searchParams.get("X-Amz-Expires")).toBe("60");
    expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe("host");
    expect(url.searchParams.get("X-Amz-Credential")).toBe(
      "AKIDEXAMPLE/20261124/eu-west-1/kinesisvideo/aws4_request",
    );
  });

  it("refuses a non-WebSocket endpoint", async () => {
    const presign = createPresigner({
      region: "us-west-2",
      credentials: async () => credentials,
      expiresSeconds: 60,
      clock: { now: () => date.getTime() },
    });
    await expect(presign("https://example.com", { "X-Amz-ChannelARN": arn })).rejects.toThrow(/WebSocket/);
  });
});
