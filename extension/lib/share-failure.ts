/** The extension's own error: a `ShareErrorCode` and a developer message, turned into stored data once. */
import { BeamError } from "../../protocol/errors.ts";
import type { ShareError, ShareErrorCode } from "../../protocol/share.ts";

export class ShareFailure extends Error {
  readonly code: ShareErrorCode;

  constructor(code: ShareErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ShareFailure";
    this.code = code;
  }
}

/** Anything thrown → the plain `ShareError` the state and messages carry. */
export function toShareError(error: unknown, fallback: ShareErrorCode = "internal"): ShareError {
  if (error instanceof ShareFailure || error instanceof BeamError) {
    return { code: error.code, message: error.message };
  }
  if (isShareError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return { code: fallback, message };
}

function isShareError(value: unknown): value is ShareError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ShareError).code === "string" &&
    typeof (value as ShareError).message === "string" &&
    !(value instanceof Error)
  );
}
