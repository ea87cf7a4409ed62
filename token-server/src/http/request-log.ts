import type { MiddlewareHandler } from "hono";
import type { Clock } from "../clock.ts";
import type { Logger } from "../logger.ts";

/** One line per request: method, path, status, duration. Never headers, query or body (they carry tokens). */
export function requestLog(logger: Logger, clock: Clock): MiddlewareHandler {
  return async (c, next) => {
    const started = clock.now();
    await next();
    logger.info("request", {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: clock.now() - started,
    });
  };
}
