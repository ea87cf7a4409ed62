import type { Handler } from "hono";
import { createSessionRequest } from "../../../protocol/api.ts";
import { parseJsonBody } from "../http/json-body.ts";
import type { SessionService } from "../sessions.ts";

/** `POST /api/sessions` (API key checked by middleware): creates the channel, returns tokens and the master's credentials. */
export function createSessionRoute(sessions: SessionService): Handler {
  return async (c) => {
    const request = await parseJsonBody(c, createSessionRequest);
    return c.json(await sessions.create(request), 201);
  };
}
