import type { Handler } from "hono";
import { bearerToken } from "../http/auth.ts";
import type { SessionService } from "../sessions.ts";

/** `POST /api/sessions/:id/link` (Bearer master token): a new viewer link; the old one gets 410 `link_replaced`. */
export function newLinkRoute(sessions: SessionService): Handler {
  return async (c) => c.json(await sessions.newLink(c.req.param("id") ?? "", bearerToken(c)));
}
