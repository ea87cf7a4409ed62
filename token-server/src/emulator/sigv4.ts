import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** SigV4 building blocks shared by the Authorization-header and the presigned-URL verifiers. */

export const ALGORITHM = "AWS4-HMAC-SHA256";
export const EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

const hmac = (key: Buffer | string, data: string): Buffer => createHmac("sha256", key).update(data).digest();

export function signingKey(secret: string, shortDate: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, shortDate), region), service), "aws4_request");
}

/** RFC 3986 percent-encoding, as SigV4 canonical forms require (stricter than encodeURIComponent). */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, "%20"));
  } catch {
    return value;
  }
}

/** Decodes a raw query string into ordered [key, value] pairs. */
export function parseQuery(rawQuery: string): [string, string][] {
  if (rawQuery === "") return [];
  return rawQuery.split("&").map((pair) => {
    const eq = pair.indexOf("=");
    return eq < 0 ? [safeDecode(pair), ""] : [safeDecode(pair.slice(0, eq)), safeDecode(pair.slice(eq + 1))];
  });
}

export function canonicalQuery(pairs: [string, string][]): string {
  return pairs
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : 1) : ak < bk ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

export function canonicalPath(rawPath: string): string {
  return rawPath
    .split("/")
    .map((segment) => rfc3986(safeDecode(segment)))
    .join("/");
}

export interface CanonicalRequestParts {
  method: string;
  rawPath: string;
  query: [string, string][];
  headers: Record<string, string>;
  signedHeaders: string[];
  payloadHash: string;
}

export function canonicalRequest(parts: CanonicalRequestParts): string {
  const headerLines = parts.signedHeaders.map(
    (name) => `${name}:${(parts.headers[name] ?? "").trim().replace(/\s+/g, " ")}`,
  );
  return [
    parts.method,
    canonicalPath(parts.rawPath),
    canonicalQuery(parts.query),
    ...headerLines,
    "",
    parts.signedHeaders.join(";"),
    parts.payloadHash,
  ].join("\n");
}

export function computeSignature(
  secret: string,
  amzDate: string,
  scope: CredentialScope,
  request: CanonicalRequestParts,
): string {
  const scopeText = `${scope.shortDate}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, scopeText, sha256Hex(canonicalRequest(request))].join("\n");
  return createHmac("sha256", signingKey(secret, scope.shortDate, scope.region, scope.service))
    .update(stringToSign)
    .digest("hex");
}

export function signaturesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface CredentialScope {
  accessKeyId: string;
  shortDate: string;
  region: string;
  service: string;
}

/** Parses `AKID/20261124/us-west-2/kinesisvideo/aws4_request`; null when malformed. */
export function parseCredential(value: string): CredentialScope | null {
  const parts = value.split("/");
  if (parts.length !== 5 || parts[4] !== "aws4_request") return null;
  const [accessKeyId, shortDate, region, service] = parts as [string, string, string, string];
  if (!/^\d{8}$/.test(shortDate)) return null;
  return { accessKeyId, shortDate, region, service };
}

/** Parses `YYYYMMDDTHHMMSSZ` to epoch ms; null when malformed. */
export function parseAmzDate(value: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
}
