import { describe, expect, it } from "vitest";
import { backoff, jitteredBackoff } from "./reconnect";

describe("backoff", () => {
  it("retries at once, then doubles up to the cap", () => {
    const policy = backoff({ baseMs: 100, capMs: 500 });
    expect([0, 1, 2, 3, 4, 5].map(policy)).toEqual([0, 100, 200, 400, 500, 500]);
  });

  it("gives up after maxAttempts", () => {
    const policy = backoff({ maxAttempts: 2 });
    expect(policy(1)).not.toBeNull();
    expect(policy(2)).toBeNull();
  });
});

describe("jitteredBackoff", () => {
  const attempts = [0, 1, 2, 3, 4, 5];

  it("starts between 300 and 500 ms and doubles up to a 3 s cap", () => {
    expect(attempts.map(jitteredBackoff({ random: () => 0 }))).toEqual([300, 600, 1200, 1800, 1800, 1800]);
    expect(attempts.map(jitteredBackoff({ random: () => 0.999_999 }))).toEqual([
      500, 1000, 2000, 3000, 3000, 3000,
    ]);
  });

  it("spreads viewers refused together over the whole step", () => {
    const draws = [0.1, 0.5, 0.9];
    const delays = draws.map((draw) => jitteredBackoff({ random: () => draw })(0));
    expect(delays).toEqual([320, 400, 480]);
  });

  it("never waits longer than the cap and gives up after maxAttempts", () => {
    const policy = jitteredBackoff({ random: Math.random, maxAttempts: 3, capMs: 1000 });
    for (const attempt of [0, 1, 2]) expect(policy(attempt)).toBeLessThanOrEqual(1000);
    expect(policy(3)).toBeNull();
  });
});
