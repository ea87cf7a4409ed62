import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { BeamError } from "../../../protocol/errors.ts";
import { requestHeader } from "./request-header.ts";

/** The token from `Authorization: Bearer <token>`; 401 `unauthorized` when missing. */
export function bearerToken(c: Context): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(requestHeader(c, "authorization") ?? "");
  if (!match?.[1]) throw new BeamError("unauthorized", "Send Authorization: Bearer <token>.");
  return match[1];
}

/** Requires `Authorization: Bearer <apiKey>` when an API key is configured; open otherwise (loopback only). */
export function requireApiKey(apiKey: string | undefined): MiddlewareHandler {
  const expected = apiKey === undefined ? undefined : digest(apiKey);
  return async (c, next) => {
    if (expected !== undefined) {
      const given = /^Bearer\s+(\S+)\s*$/i.exec(requestHeader(c, "authorization") ?? "")?.[1];
      // Comparing digests keeps the comparison constant-time whatever the lengths.
      if (given === undefined || !timingSafeEqual(digest(given), expected)) {
        throw new BeamError("unauthorized", "A valid API key is required: Authorization: Bearer <API_KEY>.");
      }
    }
    await next();
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
