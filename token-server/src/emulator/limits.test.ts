import { describe, expect, it } from "vitest";
import { RateLimiter } from "./limits.ts";

describe("RateLimiter", () => {
  it("limits each key per second and forgets keys whose window has passed", () => {
    const limiter = new RateLimiter();
    expect([1, 2, 3].map(() => limiter.allow("Describe:a", 1_000, 2))).toEqual([true, true, false]);
    for (let i = 0; i < 1000; i++) limiter.allow(`Describe:channel-${i}`, 1_500, 5);
    expect(limiter.size).toBe(1001);
    expect(limiter.allow("Describe:a", 2_600, 2)).toBe(true);
    expect(limiter.size).toBe(1);
  });
});
