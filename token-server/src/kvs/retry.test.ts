import { describe, expect, it } from "vitest";
import { createRetryPolicy, withRetry } from "./retry.ts";

const awsError = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe("retry policy", () => {
  const policy = createRetryPolicy({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300, random: () => 0.5 });

  it("backs off exponentially on throttling, capped, with jitter inside [ceiling/2, ceiling]", () => {
    const throttled = awsError("ClientLimitExceededException", 400);
    expect([1, 2, 3].map((attempt) => policy(attempt, throttled))).toEqual([75, 150, 225]);
    const extremes = [0, 0.999].map((r) =>
      createRetryPolicy({ baseDelayMs: 100, random: () => r })(1, throttled),
    );
    expect(extremes[0]).toBe(50);
    expect(extremes[1]).toBeLessThanOrEqual(100);
  });

  it("gives up after maxAttempts", () => {
    expect(policy(4, awsError("ThrottlingException", 400))).toBeNull();
  });

  it("retries 5xx and dropped connections, but not client errors", () => {
    expect(policy(1, awsError("InternalFailure", 500))).not.toBeNull();
    expect(policy(1, Object.assign(new Error("reset"), { code: "ECONNRESET" }))).not.toBeNull();
    expect(policy(1, awsError("ResourceNotFoundException", 404))).toBeNull();
    expect(policy(1, awsError("AccessDeniedException", 403))).toBeNull();
    expect(policy(1, new Error("boom"))).toBeNull();
  });

  it("retries only throttling when transient retries are off (non-idempotent calls)", () => {
    const strict = createRetryPolicy({ retryTransient: false, random: () => 0 });
    expect(strict(1, awsError("InternalFailure", 503))).toBeNull();
    expect(strict(1, awsError("ClientLimitExceededException", 400))).not.toBeNull();
  });
});

describe("withRetry", () => {
  it("sleeps the policy's delays and returns the first success", async () => {
    const slept: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw awsError("ThrottlingException", 400);
        return "ok";
      },
      createRetryPolicy({ random: () => 0 }),
      async (ms) => {
        slept.push(ms);
      },
    );
    expect(result).toBe("ok");
    expect(slept).toEqual([50, 100]);
  });

  it("rethrows the last error when the policy gives up", async () => {
    const error = awsError("AccessDeniedException", 403);
    await expect(
      withRetry(
        () => Promise.reject(error),
        createRetryPolicy(),
        async () => {},
      ),
    ).rejects.toBe(error);
  });
});
