import { createHmac, createSecretKey, hash, type KeyObject } from "node:crypto";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { Clock } from "../clock.ts";

/** Presigns a signaling WebSocket URL; `query` holds `X-Amz-ChannelARN` (and `X-Amz-ClientId` for viewers). */
export type Presign = (wssEndpoint: string, query: Record<string, string>) => Promise<string>;

const ALGORITHM = "AWS4-HMAC-SHA256";
const SERVICE = "kinesisvideo";
const EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const SIGNATURE = "X-Amz-Signature";

interface Endpoint {
  /** `ws(s)://host[:port]/path`, what the signed query is appended to. */
  base: string;
  canonicalPath: string;
  host: string;
}

/**
 * SigV4 query presigning exactly as KVS (and `SigV4RequestSigner`) expect: service `kinesisvideo`,
 * GET, only `host` signed, written as in the endpoint (port included), the session token inside the
 * signed query. Local work, no AWS call. `ws://` endpoints (the plain emulator) are signed the same way.
 * It runs on every viewer join, so everything that only changes per endpoint, per second or per day
 * (parsed endpoint, X-Amz-Date, the encoded parameters beside the channel and client, signing key)
 * is kept, and the query is encoded once for both the canonical request and the URL; the SDK's generic `SignatureV4` cost ≈ 10× more (`npm run bench`).
 */
export function createPresigner(options: {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  expiresSeconds: number;
  clock: Clock;
}): Presign {
  let cachedKey: { id: string; key?: KeyObject } = { id: "" };
  const signingKey = (secret: string, day: string): KeyObject => {
    const id = `${day}\n${secret}`;
    if (cachedKey.id === id && cachedKey.key) return cachedKey.key;
    const bytes = [day, options.region, SERVICE, "aws4_request"].reduce<Buffer | string>(
      (k, part) => hmac(k, part),
      `AWS4${secret}`,
    ) as Buffer;
    // A KeyObject spares createHmac importing the key bytes again on every signature.
    const key = createSecretKey(bytes);
    cachedKey = { id, key };
    return key;
  };
  // The parameters every URL signed in the same second with the same credentials carries, encoded.
  let shared: { id: string; pairs: Pair[] } = { id: "", pairs: [] };
  const sharedPairs = (credentials: AwsCredentialIdentity, date: string, scope: string): Pair[] => {
    const id = `${date}\n${credentials.accessKeyId}\n${credentials.sessionToken ?? ""}`;
    if (shared.id !== id) {
      const params: [string, string][] = [
        ["X-Amz-Algorithm", ALGORITHM],
        ["X-Amz-Credential", `${credentials.accessKeyId}/${scope}`],
        ["X-Amz-Date", date],
        ["X-Amz-Expires", String(options.expiresSeconds)],
        ["X-Amz-SignedHeaders", "host"],
      ];
      if (credentials.sessionToken) params.push(["X-Amz-Security-Token", credentials.sessionToken]);
      shared = { id, pairs: params.map(encodePair) };
    }
    return shared.pairs;
  };
  let stamp = { second: Number.NaN, amzDate: "" };
  const amzDateAt = (ms: number): string => {
    const second = Math.floor(ms / 1000);
    if (stamp.second !== second) stamp = { second, amzDate: amzDate(ms) };
    return stamp.amzDate;
  };
  // Endpoints are few (one per region and role for KVS, one for the emulator): a small memo.
  const endpoints = new Map<string, Endpoint>();
  const endpointOf = (wssEndpoint: string): Endpoint => {
    let endpoint = endpoints.get(wssEndpoint);
    if (!endpoint) {
      endpoint = parseEndpoint(wssEndpoint);
      if (endpoints.size >= 64) endpoints.clear();
      endpoints.set(wssEndpoint, endpoint);
    }
    return endpoint;
  };

  return async (wssEndpoint, query) => {
    const endpoint = endpointOf(wssEndpoint);
    const credentials = await options.credentials();
    const date = amzDateAt(options.clock.now());
    const day = date.slice(0, 8);
    const scope = `${day}/${options.region}/${SERVICE}/aws4_request`;
    const pairs = sharedPairs(credentials, date, scope).concat(Object.entries(query).map(encodePair));
    pairs.sort(byKey);
    const canonicalQuery = pairs.map((pair) => pair.encoded).join("&");
    const canonicalRequest = `GET\n${endpoint.canonicalPath}\n${canonicalQuery}\nhost:${endpoint.host}\n\nhost\n${EMPTY_PAYLOAD_SHA256}`;
    const stringToSign = `${ALGORITHM}\n${date}\n${scope}\n${hash("sha256", canonicalRequest, "hex")}`;
    const signature = createHmac("sha256", signingKey(credentials.secretAccessKey, day))
      .update(stringToSign)
      .digest("hex");
    // The URL lists the signature in sorted place too, as SigV4RequestSigner writes it.
    const at = pairs.findIndex(({ key }) => key > SIGNATURE);
    pairs.splice(at === -1 ? pairs.length : at, 0, { key: SIGNATURE, encoded: `${SIGNATURE}=${signature}` });
    return `${endpoint.base}?${pairs.map((pair) => pair.encoded).join("&")}`;
  };
}

/** A query parameter by its name, and as `name=value` in the signed query. */
interface Pair {
  key: string;
  encoded: string;
}

const encodePair = ([key, value]: [string, string]): Pair => ({
  key,
  encoded: `${rfc3986(key)}=${rfc3986(value)}`,
});

const byKey = (a: Pair, b: Pair) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function parseEndpoint(wssEndpoint: string): Endpoint {
  const url = new URL(wssEndpoint);
  if (url.protocol !== "wss:" && url.protocol !== "ws:") {
    throw new Error(`Not a WebSocket endpoint: ${url.protocol}//${url.host}`);
  }
  const path = url.pathname || "/";
  return {
    base: `${url.protocol}//${url.host}${path}`,
    canonicalPath: path.split("/").map(rfc3986).join("/"),
    host: url.host,
  };
}

/** `20261124T120000Z` from an ISO timestamp, without a regular expression per call. */
function amzDate(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-11-24T12:00:00.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

const hmac = (key: Buffer | string, data: string): Buffer => createHmac("sha256", key).update(data).digest();

const RESERVED = /[!'()*]/;

/** encodeURIComponent plus the five characters it leaves alone; most values have none of them. */
function rfc3986(value: string): string {
  const encoded = encodeURIComponent(value);
  if (!RESERVED.test(encoded)) return encoded;
  return encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
