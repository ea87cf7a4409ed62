import { BeamError } from "../../../protocol/errors.ts";
import { errorName, httpStatus, isServerError, isThrottling } from "./retry.ts";

const ACCESS_DENIED = new Set([
  "AccessDeniedException",
  "NotAuthorizedException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "ExpiredTokenException",
  "CredentialsProviderError",
]);

/**
 * Translates an AWS SDK failure of `action` (e.g. "DescribeSignalingChannel") into a `BeamError`,
 * keeping the original as `cause`. A missing channel means the session ended: callers only reach
 * KVS with a signed token, which proves the session existed.
 */
export function toBeamError(error: unknown, action: string): BeamError {
  if (error instanceof BeamError) return error;
  const name = errorName(error);
  const options = { cause: error };
  if (name === "ResourceNotFoundException") {
    return new BeamError("session_ended", "This session has ended.", options);
  }
  if (ACCESS_DENIED.has(name)) {
    return new BeamError(
      "kvs_access_denied",
      `AWS refused kinesisvideo:${action} (${name}); check the token server's AWS credentials and IAM policy.`,
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
  const gotAnswer = httpStatus(error) !== undefined && !isServerError(error);
  const detail = gotAnswer ? `rejected the call (${name})` : "unreachable or failing";
  return new BeamError("kvs_unavailable", `Kinesis Video Streams ${detail} during ${action}.`, options);
}
