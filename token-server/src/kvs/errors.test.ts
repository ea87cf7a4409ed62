import { describe, expect, it } from "vitest";
import { toBeamError } from "./errors.ts";

const awsError = (name: string, status?: number) =>
  Object.assign(new Error(`${name} message`), { name, $metadata: { httpStatusCode: status } });

describe("toBeamError", () => {
  it.each([
    ["ResourceNotFoundException", 404, "session_ended"],
    ["AccessDeniedException", 403, "kvs_access_denied"],
    ["UnrecognizedClientException", 403, "kvs_access_denied"],
    ["ClientLimitExceededException", 400, "kvs_throttled"],
    ["AccountChannelLimitExceededException", 400, "kvs_throttled"],
    ["InternalFailure", 500, "kvs_unavailable"],
    ["InvalidArgumentException", 400, "kvs_unavailable"],
  ])("%s → %s", (name, status, code) => {
    const error = awsError(name, status);
    const mapped = toBeamError(error, "DescribeSignalingChannel");
    expect(mapped.code).toBe(code);
    expect(mapped.cause).toBe(error);
  });

  it("names the denied action so the operator knows which IAM permission is missing", () => {
    expect(toBeamError(awsError("AccessDeniedException", 403), "CreateSignalingChannel").message).toContain(
      "kinesisvideo:CreateSignalingChannel",
    );
  });

  it("treats a failure without an HTTP answer (connection refused) as unavailable", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const mapped = toBeamError(refused, "GetIceServerConfig");
    expect(mapped.code).toBe("kvs_unavailable");
    expect(mapped.message).toContain("unreachable");
    expect(mapped.message).toContain("ECONNREFUSED");
  });
});
