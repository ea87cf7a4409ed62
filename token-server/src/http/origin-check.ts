import type { MiddlewareHandler } from "hono";
import { BeamError } from "../../../protocol/errors.ts";
import type { OriginCheck } from "./origins.ts";
import { requestHeader } from "./request-header.ts";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Browsers send `Origin` on every cross-origin POST or DELETE (and on same-origin ones too), so a
 * state-changing request from a page must come from an allowed origin or from the server's own
 * address (the viewer page, opened under any name `requireAllowedHost` accepts). A request without
 * `Origin` does not come from a web page (curl, another server): it is left to the API key and tokens.
 */
export function requireAllowedOrigin(isAllowed: OriginCheck): MiddlewareHandler {
  return async (c, next) => {
    const origin = requestHeader(c, "origin");
    if (
      origin !== undefined &&
      STATE_CHANGING.has(c.req.method) &&
      !isAllowed(origin) &&
      !sameAuthority(origin, c.req.url)
    ) {
      throw new BeamError(
        "origin_not_allowed",
        `This server does not accept requests from ${origin.slice(0, 100)}; its operator can add that origin to ALLOWED_ORIGINS.`,
      );
    }
    await next();
  };
}

/** The scheme is not compared: behind a TLS proxy the server sees http while the page is https. */
function sameAuthority(origin: string, url: string): boolean {
  if (!/^https?:\/\//i.test(origin)) return false;
  try {
    return new URL(origin).host === new URL(url).host;
  } catch {
    return false;
  }
}
