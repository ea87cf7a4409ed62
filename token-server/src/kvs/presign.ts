import { createHash, createHmac } from "node:crypto";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { Clock } from "../clock.ts";

/** Presigns a signaling WebSocket URL; `query` holds `X-Amz-ChannelARN` (and `X-Amz-ClientId` for viewers). */
export type Presign = (wssEndpoint: string, query: Record<string, string>) => Promise<string>;

const ALGORITHM = "AWS4-HMAC-SHA256";
const SERVICE = "kinesisvideo";
const EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/**
 * SigV4 query presigning exactly as KVS (and `SigV4RequestSigner`) expect: service `kinesisvideo`,
 * GET, only `host` signed, written as in the endpoint (port included), the session token inside the
 * signed query. Local work, no AWS call. `ws://` endpoints (the plain emulator) are signed the same way.
 * Written over node:crypto with the day's signing key cached: it runs on every viewer join, and the
 * SDK's generic `SignatureV4` with pure-JS SHA-256 cost ≈ 10× more (`npm run bench`).
 */
export function createPresigner(options: {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  expiresSeconds: number;
  clock: Clock;
}): Presign {
  let cachedKey: { id: string; key: Buffer } = { id: "", key: Buffer.alloc(0) };
  const signingKey = (secret: string, day: string): Buffer => {
    const id = `${day}\n${secret}`;
    if (cachedKey.id !== id) {
      const key = [day, options.region, SERVICE, "aws4_request"].reduce<Buffer | string>(
        (k, part) => hmac(k, part),
        `AWS4${secret}`,
      ) as Buffer;
      cachedKey = { id, key };
    }
    return cachedKey.key;
  };

  return async (wssEndpoint, query) => {
    const url = new URL(wssEndpoint);
    if (url.protocol !== "wss:" && url.protocol !== "ws:") {
      throw new Error(`Not a WebSocket endpoint: ${url.protocol}//${url.host}`);
    }
    const credentials = await options.credentials();
    const amzDate = new Date(options.clock.now()).toISOString().replace(/[-:]|\.\d{3}/g, "");
    const day = amzDate.slice(0, 8);
    const scope = `${day}/${options.region}/${SERVICE}/aws4_request`;
    const path = url.pathname || "/";
    const params: Record<string, string> = {
      ...query,
      "X-Amz-Algorithm": ALGORITHM,
      "X-Amz-Credential": `${credentials.accessKeyId}/${scope}`,
      "X-Amz-Date": amzDate,
      "X-Amz-Expires": String(options.expiresSeconds),
      "X-Amz-SignedHeaders": "host",
    };
    if (credentials.sessionToken) params["X-Amz-Security-Token"] = credentials.sessionToken;
    const canonicalRequest = [
      "GET",
      path.split("/").map(rfc3986).join("/"),
      canonicalQuery(params),
      `host:${url.host}`,
      "",
      "host",
      EMPTY_PAYLOAD_SHA256,
    ].join("\n");
    const stringToSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
    params["X-Amz-Signature"] = createHmac("sha256", signingKey(credentials.secretAccessKey, day))
      .update(stringToSign)
      .digest("hex");
    return `${url.protocol}//${url.host}${path}?${canonicalQuery(params)}`;
  };
}

const hmac = (key: Buffer | string, data: string): Buffer => createHmac("sha256", key).update(data).digest();
const sha256Hex = (data: string): string => createHash("sha256").update(data).digest("hex");

function canonicalQuery(query: Record<string, string>): string {
  return Object.keys(query)
    .sort()
    .map((key) => `${rfc3986(key)}=${rfc3986(query[key] ?? "")}`)
    .join("&");
}

const RESERVED = /[!'()*]/;

/** encodeURIComponent plus the five characters it leaves alone; most values have none of them. */
function rfc3986(value: string): string {
  const encoded = encodeURIComponent(value);
  if (!RESERVED.test(encoded)) return encoded;
  return encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
