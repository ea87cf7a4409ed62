import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { BeamError, type ErrorCode } from "../../../protocol/errors.ts";
import type { Logger } from "../logger.ts";

const STATUS_CODE: Partial<Record<number, ErrorCode>> = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

/** The one place errors become HTTP: `{ error: { code, message } }` with the code's status. */
export function handleError(logger: Logger) {
  return (error: Error, c: Context) => {
    const beam = toBeamError(error);
    if (beam.status >= 500) {
      logger.error("request failed", {
        code: beam.code,
        path: c.req.path,
        error,
        cause: beam.cause ?? error,
      });
    }
    return c.json(beam.toBody(), beam.status as ContentfulStatusCode);
  };
}

export function handleNotFound(c: Context) {
  return c.json(new BeamError("not_found", `No route for ${c.req.method} ${c.req.path}.`).toBody(), 404);
}

function toBeamError(error: Error): BeamError {
  if (error instanceof BeamError) return error;
  if (error instanceof HTTPException) {
    const code = STATUS_CODE[error.status];
    if (code) return new BeamError(code, error.message || code.replaceAll("_", " "), { cause: error });
  }
  return new BeamError("internal", "Something went wrong on the token server.", { cause: error });
}
