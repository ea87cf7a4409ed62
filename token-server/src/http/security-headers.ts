import type { Context, MiddlewareHandler } from "hono";
import { type InlineHashes, NO_INLINE } from "./inline-hashes.ts";

/** Where a browser may open signaling WebSockets when nothing narrower is known. */
export const ANY_WEBSOCKET: readonly string[] = ["ws:", "wss:"];

/**
 * The signaling origins a viewer connects to: the emulator's WebSocket origin, or KVS's regional
 * endpoints (legacy and dual-stack) in AWS mode.
 */
export function signalingSources(
  kvs: { mode: "aws"; region: string } | { mode: "emulator"; wssEndpoint: string },
): string[] {
  if (kvs.mode === "emulator") return [new URL(kvs.wssEndpoint).origin];
  const suffix = kvs.region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return [`wss://*.kinesisvideo.${kvs.region}.${suffix}`, `wss://*.kinesisvideo.${kvs.region}.api.aws`];
}

/**
 * The viewer page's policy: its own scripts and styles only (files, or inline blocks by hash), media
 * from WebRTC, sockets to signaling.
 */
export function viewerContentSecurityPolicy(
  connectSources: readonly string[],
  inline: InlineHashes = NO_INLINE,
): string {
  return [
    "default-src 'none'",
    ["script-src 'self'", ...inline.scripts].join(" "),
    ["style-src 'self'", ...inline.styles].join(" "),
    "img-src 'self' data:",
    "media-src 'self' blob:",
    `connect-src 'self' ${connectSources.join(" ")}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Sets headers on the finished response in place. `c.header()` after the handler would rebuild the
 * response around its body stream, which forces @hono/node-server off its fast path for string
 * bodies (most of a viewer join's CPU); every response here is built by Hono, so its headers are mutable.
 */
export function setOnResponse(c: Context, name: string, value: string): void {
  c.res.headers.set(name, value);
}

/** On every response: no MIME sniffing, and no Referer (a viewer URL's path names the session). */
export function baseSecurityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    setOnResponse(c, "x-content-type-options", "nosniff");
    setOnResponse(c, "referrer-policy", "no-referrer");
  };
}

/** API answers carry tokens and presigned URLs: never stored by a browser or proxy cache. */
export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    setOnResponse(c, "cache-control", "no-store");
  };
}

/**
 * Headers for the viewer page's HTML document. No Cross-Origin-Opener-Policy: `same-origin` made
 * Chromium swap to a new renderer process after the response, which cost a fresh viewer about
 * 250 ms before the first script ran (bench, Chromium 156), and the page holds nothing an opener
 * could read across origins (a tab opened with the link already has the link).
 */
export function viewerPageHeaders(
  connectSources: readonly string[],
  inline: InlineHashes = NO_INLINE,
): Record<string, string> {
  return {
    "content-security-policy": viewerContentSecurityPolicy(connectSources, inline),
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  };
}
