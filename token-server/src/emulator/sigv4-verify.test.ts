import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { SigV4RequestSigner } from "amazon-kinesis-video-streams-webrtc";
import { beforeAll, describe, expect, it } from "vitest";
import { type SignedRequest, verifyAuthorizationHeader, verifyPresignedUrl } from "./sigv4-verify.ts";

// Reference URLs come from the official client's own signer (the KVS WebRTC SDK's SigV4RequestSigner),
// with fixed, made-up credentials and date, so the verifier is checked against an independent implementation.
const SPEC_IDENTITY = {
  accessKeyId: "AKIDBEAMVERIFYTEST",
  secretAccessKey: "beam-made-up-secret-key",
  sessionToken: "beam-made-up-session-token",
  region: "us-west-2",
  service: "kinesisvideo",
};
const SPEC_DATE = Date.parse("2019-12-01T00:00:00.000Z");
let SPEC_URL: string;
let SPEC_URL_WITH_PATH: string;
let SPEC_URL_NO_TOKEN: string;

beforeAll(async () => {
  const sign = (endpoint: string, sessionToken: string | undefined) =>
    new SigV4RequestSigner(SPEC_IDENTITY.region, {
      accessKeyId: SPEC_IDENTITY.accessKeyId,
      secretAccessKey: SPEC_IDENTITY.secretAccessKey,
      sessionToken,
    }).getSignedURL(endpoint, { "X-Amz-TestParam": "test-param-value" }, new Date(SPEC_DATE));
  SPEC_URL = await sign("wss://kvs.example.test", SPEC_IDENTITY.sessionToken);
  SPEC_URL_WITH_PATH = await sign("wss://kvs.example.test/path/path/path", SPEC_IDENTITY.sessionToken);
  SPEC_URL_NO_TOKEN = await sign("wss://kvs.example.test", undefined);
});

function asUpgrade(url: string, host = new URL(url).host) {
  const parsed = new URL(url);
  return { method: "GET", rawPath: parsed.pathname, rawQuery: parsed.search.slice(1), headers: { host } };
}

const nameOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as Error).name;
  }
  return "accepted";
};

describe("presigned WebSocket URL verification", () => {
  it("accepts URLs signed by the official SDK signer", () => {
    expect(verifyPresignedUrl(asUpgrade(SPEC_URL), SPEC_IDENTITY, SPEC_DATE).get("X-Amz-TestParam")).toBe(
      "test-param-value",
    );
    expect(nameOf(() => verifyPresignedUrl(asUpgrade(SPEC_URL_WITH_PATH), SPEC_IDENTITY, SPEC_DATE))).toBe(
      "accepted",
    );
    const noToken = { ...SPEC_IDENTITY, sessionToken: undefined };
    expect(nameOf(() => verifyPresignedUrl(asUpgrade(SPEC_URL_NO_TOKEN), noToken, SPEC_DATE))).toBe(
      "accepted",
    );
  });

  it("rejects tampering, another host, the wrong secret and an unexpected session token", () => {
    const verify = (url: string, identity = SPEC_IDENTITY, host?: string) =>
      nameOf(() => verifyPresignedUrl(asUpgrade(url, host), identity, SPEC_DATE));
    expect(verify(SPEC_URL.replace("test-param-value", "test-param-valuf"))).toBe(
      "InvalidSignatureException",
    );
    expect(verify(SPEC_URL, SPEC_IDENTITY, "kvs.example.test:443")).toBe("InvalidSignatureException");
    expect(verify(SPEC_URL, { ...SPEC_IDENTITY, secretAccessKey: "other" })).toBe(
      "InvalidSignatureException",
    );
    expect(verify(SPEC_URL, { ...SPEC_IDENTITY, accessKeyId: "AKIAOTHER" })).toBe(
      "UnrecognizedClientException",
    );
    expect(verify(SPEC_URL, { ...SPEC_IDENTITY, region: "eu-west-1" })).toBe("InvalidSignatureException");
    expect(verify(SPEC_URL_NO_TOKEN)).toBe("UnrecognizedClientException");
    expect(verify(SPEC_URL.replace("X-Amz-Algorithm=AWS4-HMAC-SHA256&", ""))).toBe(
      "IncompleteSignatureException",
    );
  });

  it("honours X-Amz-Date and X-Amz-Expires", () => {
    const at = (now: number) => nameOf(() => verifyPresignedUrl(asUpgrade(SPEC_URL), SPEC_IDENTITY, now));
    expect(at(SPEC_DATE + 299_000)).toBe("accepted");
    expect(at(SPEC_DATE + 300_000)).toBe("InvalidSignatureException");
    expect(at(SPEC_DATE - 4 * 60_000)).toBe("accepted");
    expect(at(SPEC_DATE - 6 * 60_000)).toBe("InvalidSignatureException");
  });
});

describe("Authorization header verification", () => {
  const identity = {
    accessKeyId: "AKIDTEST",
    secretAccessKey: "secret",
    region: "us-west-2",
    service: "kinesisvideo",
  };
  const signedAt = Date.parse("2026-11-24T12:00:00Z");

  async function signed(body: string, extraHeaders: Record<string, string> = {}): Promise<SignedRequest> {
    const signer = new SignatureV4({
      credentials: identity,
      region: identity.region,
      service: "kinesisvideo",
      sha256: Sha256,
    });
    const request = new HttpRequest({
      method: "POST",
      hostname: "127.0.0.1",
      port: 4567,
      path: "/createSignalingChannel",
      headers: { host: "127.0.0.1:4567", "content-type": "application/json", ...extraHeaders },
      body,
    });
    const result = await signer.sign(request, { signingDate: new Date(signedAt) });
    const headers = Object.fromEntries(Object.entries(result.headers).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      method: "POST",
      rawPath: "/createSignalingChannel",
      rawQuery: "",
      headers,
      body: Buffer.from(body),
    };
  }

  it("accepts a @smithy/signature-v4 signature, honouring SignedHeaders", async () => {
    const request = await signed('{"ChannelName":"a"}', { "x-amz-user-agent": "aws-sdk-js/3" });
    expect(request.headers.authorization).toContain("x-amz-user-agent");
    expect(nameOf(() => verifyAuthorizationHeader(request, identity, signedAt + 60_000))).toBe("accepted");
  });

  it("rejects a changed body, a changed signed header, clock skew and a missing header", async () => {
    const request = await signed('{"ChannelName":"a"}');
    const check = (r: SignedRequest, now = signedAt) =>
      nameOf(() => verifyAuthorizationHeader(r, identity, now));
    expect(check({ ...request, body: Buffer.from('{"ChannelName":"b"}') })).toBe("InvalidSignatureException");
    expect(check({ ...request, headers: { ...request.headers, "content-type": "text/plain" } })).toBe(
      "InvalidSignatureException",
    );
    expect(check({ ...request, headers: { ...request.headers, "user-agent": "unsigned" } })).toBe("accepted");
    expect(check(request, signedAt + 5 * 60_000 + 1000)).toBe("InvalidSignatureException");
    const { authorization: _, ...unsigned } = request.headers;
    expect(check({ ...request, headers: unsigned })).toBe("MissingAuthenticationTokenException");
  });
});
