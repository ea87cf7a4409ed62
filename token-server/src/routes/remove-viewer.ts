import type { Handler } from "hono";
import { removeViewerRequest } from "../../../protocol/api.ts";
import { bearerToken } from "../http/auth.ts";
import { parseJsonBody } from "../http/json-body.ts";
import type { SessionService } from "../sessions.ts";

/**
 * `POST /api/sessions/:id/removals` (Bearer master token) body `{ clientId }`: that viewer's joins
 * get 403 `viewer_removed` for the rest of the session. Idempotent.
 */
export function removeViewerRoute(sessions: SessionService): Handler {
  return async (c) => {
    const token = bearerToken(c);
    const request = await parseJsonBody(c, removeViewerRequest);
    await sessions.removeViewer(c.req.param("id") ?? "", token, request);
    return c.body(null, 204);
  };
}
