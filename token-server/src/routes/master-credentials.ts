import type { Handler } from "hono";
import { bearerToken } from "../http/auth.ts";
import type { SessionService } from "../sessions.ts";

/** `POST /api/sessions/:id/master` (Bearer master token): a fresh presigned URL and ICE servers for a reconnect. */
export function masterCredentialsRoute(sessions: SessionService): Handler {
  return async (c) => c.json(await sessions.masterCredentials(c.req.param("id") ?? "", bearerToken(c)));
}
