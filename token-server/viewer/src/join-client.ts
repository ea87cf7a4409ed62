/** The viewer's one server call: trade the link's token for signaling credentials. */
import type { ViewerJoinRequest, ViewerJoinResponse } from "../../../protocol/api";
import { type ErrorCode, isErrorBody } from "../../../protocol/errors";
import type { JoinResult } from "./watch";

/** When a proxy answers instead of the token server, the status still says enough. */
const CODE_BY_STATUS: Record<number, ErrorCode> = {
  401: "invalid_token",
  403: "forbidden",
  404: "not_found",
  409: "session_full",
  410: "session_ended",
  429: "rate_limited",
};

export async function requestViewerCredentials(
  fetchFn: typeof fetch,
  sessionId: string,
  body: ViewerJoinRequest,
): Promise<JoinResult> {
  let response: Response;
  try {
    // The token travels in the body only: never in a URL, so no log ever sees it.
    response = await fetchFn(`/api/sessions/${encodeURIComponent(sessionId)}/viewers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      cache: "no-store",
    });
  } catch {
    return { ok: false, failure: "network" };
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.ok && isJoinResponse(json)) return { ok: true, credentials: json };
  if (isErrorBody(json)) return { ok: false, failure: json.error.code };
  return { ok: false, failure: CODE_BY_STATUS[response.status] ?? "internal" };
}

function isJoinResponse(value: unknown): value is ViewerJoinResponse {
  const v = value as Partial<ViewerJoinResponse> | null;
  return (
    typeof v?.clientId === "string" &&
    typeof v.signedUrl === "string" &&
    typeof v.channelArn === "string" &&
    Array.isArray(v.iceServers)
  );
}
