import { BeamError } from "../../../protocol/errors.ts";
import { errorName, httpStatus, isServerError, isThrottling } from "./retry.ts";

/** AWS understood who is calling and refused the action: an IAM policy problem. */
const NOT_PERMITTED = new Set(["AccessDeniedException", "NotAuthorizedException"]);
/** AWS could not tell who is calling: a credentials problem. */
const BAD_CREDENTIALS = new Set([
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "ExpiredTokenException",
  "CredentialsProviderError",
]);

export interface ErrorContext {
  /** The region the server calls, named when KVS cannot be reached there. */
  region?: string;
}

/**
 * Translates an AWS SDK failure of `action` (e.g. "DescribeSignalingChannel") into a `BeamError`,
 * keeping the original as `cause`. A missing channel means the session ended: callers only reach
 * KVS with a signed token, which proves the session existed. Messages tell the operator what to fix.
 */
export function toBeamError(error: unknown, action: string, context: ErrorContext = {}): BeamError {
  if (error instanceof BeamError) return error;
  const name = errorName(error);
  const options = { cause: error };
  if (name === "ResourceNotFoundException") {
    return new BeamError("session_ended", "This session has ended.", options);
  }
  if (NOT_PERMITTED.has(name)) {
    return new BeamError(
      "kvs_access_denied",
      `The token server's AWS identity lacks permission kinesisvideo:${action} (${name}); grant it on beam-* channels (token-server/iam-policy.json).`,
      options,
    );
  }
  if (BAD_CREDENTIALS.has(name)) {
    return new BeamError(
      "kvs_access_denied",
      `AWS did not accept the token server's credentials for kinesisvideo:${action} (${name}); check AWS_PROFILE / AWS_ACCESS_KEY_ID or the instance role.`,
      options,
    );
  }
  if (isThrottling(error) || name === "AccountChannelLimitExceededException") {
    return new BeamError(
      "kvs_throttled",
      `Kinesis Video Streams is throttling ${action}; try again shortly.`,
      options,
    );
  }
  if (name === "ResourceInUseException") {
    return new BeamError(
      "kvs_unavailable",
      `Kinesis Video Streams says the channel is busy (ResourceInUseException) during ${action}; try again shortly.`,
      options,
    );
  }
  if (httpStatus(error) === undefined) {
    const where = context.region ? ` in ${context.region}` : "";
    return new BeamError(
      "kvs_unavailable",
      `Kinesis Video Streams is unreachable${where} during ${action} (${networkReason(error)}); check the network and AWS_REGION — not every region offers KVS WebRTC.`,
      options,
    );
  }
  const detail = isServerError(error) ? `failed (${name})` : `rejected the call (${name})`;
  return new BeamError("kvs_unavailable", `Kinesis Video Streams ${detail} during ${action}.`, options);
}

function networkReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return code;
  return errorName(error) || "no answer";
}
