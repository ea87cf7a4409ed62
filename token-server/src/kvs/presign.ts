import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { Clock } from "../clock.ts";

/** Presigns a signaling WebSocket URL; `query` holds `X-Amz-ChannelARN` (and `X-Amz-ClientId` for viewers). */
export type Presign = (wssEndpoint: string, query: Record<string, string>) => Promise<string>;

/**
 * SigV4 query presigning exactly as KVS (and `SigV4RequestSigner`) expect: service `kinesisvideo`,
 * GET, only `host` signed, written as in the endpoint (port included). Local work, no AWS call.
 * `ws://` endpoints (the plain emulator) are signed the same way.
 */
export function createPresigner(options: {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  expiresSeconds: number;
  clock: Clock;
}): Presign {
  const signer = new SignatureV4({
    service: "kinesisvideo",
    region: options.region,
    credentials: options.credentials,
    sha256: Sha256,
    uriEscapePath: true,
  });
  return async (wssEndpoint, query) => {
    const url = new URL(wssEndpoint);
    if (url.protocol !== "wss:" && url.protocol !== "ws:") {
      throw new Error(`Not a WebSocket endpoint: ${url.protocol}//${url.host}`);
    }
    const path = url.pathname || "/";
    const signed = await signer.presign(
      {
        method: "GET",
        protocol: url.protocol,
        hostname: url.hostname,
        path,
        query,
        headers: { host: url.host },
      },
      { expiresIn: options.expiresSeconds, signingDate: new Date(options.clock.now()) },
    );
    return `${url.protocol}//${url.host}${path}?${canonicalQuery(signed.query ?? {})}`;
  };
}

function canonicalQuery(query: Record<string, string | string[] | null>): string {
  return Object.keys(query)
    .sort()
    .map((key) => `${rfc3986(key)}=${rfc3986(String(query[key] ?? ""))}`)
    .join("&");
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
