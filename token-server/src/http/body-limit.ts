import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/**
 * Hono's bodyLimit, minus its first step for the common case: with a Content-Length and no
 * Transfer-Encoding it only compares the declared size, exactly as Hono does, but without touching
 * `c.req.raw.body`, which on Node builds a WHATWG Request and stream around every request.
 */
export function limitBody(maxSize: number, onError: () => never): MiddlewareHandler {
  const streaming = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const length = c.req.header("content-length");
    if (length === undefined || c.req.header("transfer-encoding") !== undefined) return streaming(c, next);
    if (Number.parseInt(length || "0", 10) > maxSize) onError();
    return next();
  };
}
