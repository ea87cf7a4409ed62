import type { MiddlewareHandler } from "hono";
import { BeamError } from "../../../protocol/errors.ts";
import { requestHeader } from "./request-header.ts";

/** Every API body is a small JSON object. */
export const MAX_BODY_BYTES = 16 * 1024;

export const tooLarge = () =>
  new BeamError("payload_too_large", `The request body is larger than ${MAX_BODY_BYTES} bytes.`);

/**
 * Refuses a declared Content-Length over the limit up front. It never reads the body: a body is read
 * only by the route, after its credentials are checked (`requestText` caps bodies sent without a
 * length as they arrive), so a slow or endless body from someone without a token costs nothing.
 */
export function limitDeclaredBody(): MiddlewareHandler {
  return async (c, next) => {
    const length = requestHeader(c, "content-length");
    if (length !== undefined && requestHeader(c, "transfer-encoding") === undefined) {
      if (Number.parseInt(length || "0", 10) > MAX_BODY_BYTES) throw tooLarge();
    }
    await next();
  };
}
