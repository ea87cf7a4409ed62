import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { OriginCheck } from "./origins.ts";
import { requestHeader } from "./request-header.ts";

/** CORS for Beam's own origins only (see origins.ts); any other origin gets no grant. */
export function corsForBeam(isAllowed: OriginCheck): MiddlewareHandler {
  const allowed = (origin: string) => (isAllowed(origin) ? origin : null);
  const preflight = cors({
    origin: allowed,
    allowMethods: ["GET", "POST", "DELETE", "OPTIONS"],
    allowHeaders: ["Authorization", "Content-Type"],
    maxAge: 600,
  });
  // Same headers as Hono's cors() on other methods, but set on the finished response in place:
  // cors() touches `c.res` before the handler and again after, and each makes Hono rebuild the
  // response around a body stream, off @hono/node-server's fast path.
  return async (c, next) => {
    if (c.req.method === "OPTIONS") return preflight(c, next);
    const origin = allowed(requestHeader(c, "origin") ?? "");
    await next();
    if (origin) c.res.headers.set("access-control-allow-origin", origin);
    c.res.headers.append("vary", "Origin");
  };
}
