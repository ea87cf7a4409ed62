/**
 * Stable error codes shared by the token server, the extension and the viewer page.
 * The server maps each code to its HTTP status once; the UIs map the same codes to sentences.
 */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  invalid_token: 401,
  token_expired: 401,
  forbidden: 403,
  /** The request named a host this server is not known by (DNS rebinding). */
  host_not_allowed: 421,
  /** A browser request from an origin the server does not trust. */
  origin_not_allowed: 403,
  not_found: 404,
  session_full: 409,
  session_ended: 410,
  /** The sharer made a new link; this one no longer admits viewers. */
  link_replaced: 410,
  /** The sharer removed this viewer; its viewer id is refused for the rest of the share. */
  viewer_removed: 403,
  /** The share has removed as many viewers as it can remember; make a new link instead. */
  removal_limit: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  too_many_sessions: 429,
  kvs_access_denied: 502,
  kvs_unavailable: 502,
  kvs_throttled: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** A domain error: thrown in the core, translated to `{ error: { code, message } }` once at the edge. */
export class BeamError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BeamError";
    this.code = code;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { message?: unknown }).message === "string"
  );
}
