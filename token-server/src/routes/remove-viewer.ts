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
    const sessionId = c.req.param("id") ?? "";
    const token = bearerToken(c);
    // The token first: a caller without one never gets the server to wait for a (slow) body.
    sessions.authorizeMaster(sessionId, token);
    const request = await parseJsonBody(c, removeViewerRequest);
    await sessions.removeViewer(sessionId, token, request);
    return c.body(null, 204);
  };
}
