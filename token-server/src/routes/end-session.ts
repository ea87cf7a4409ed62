import type { Handler } from "hono";
import { bearerToken } from "../http/auth.ts";
import type { SessionService } from "../sessions.ts";

/** `DELETE /api/sessions/:id` (Bearer master token): deletes the channel; idempotent. */
export function endSessionRoute(sessions: SessionService): Handler {
  return async (c) => {
    await sessions.end(c.req.param("id") ?? "", bearerToken(c));
    return c.body(null, 204);
  };
}
