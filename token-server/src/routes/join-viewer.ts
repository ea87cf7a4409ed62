import type { Handler } from "hono";
import { viewerJoinRequest } from "../../../protocol/api.ts";
import { parseJsonBody } from "../http/json-body.ts";
import type { SessionService } from "../sessions.ts";

/** `POST /api/sessions/:id/viewers` body `{ token, viewerId? }`: credentials for one viewer. */
export function joinViewerRoute(sessions: SessionService): Handler {
  return async (c) => {
    const request = await parseJsonBody(c, viewerJoinRequest);
    return c.json(await sessions.joinViewer(c.req.param("id") ?? "", request));
  };
}
