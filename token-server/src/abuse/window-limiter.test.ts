import { describe, expect, it } from "vitest";
import { WindowLimiter } from "./window-limiter.ts";

function limiterAt(start: number, options: { limit: number; maxKeys?: number }) {
  const clock = { t: start, now: () => clock.t };
  return { clock, limiter: new WindowLimiter({ windowMs: 60_000, clock, ...options }) };
}

describe("WindowLimiter", () => {
  it("admits `limit` hits per key per window and tells how long to wait", () => {
    const { clock, limiter } = limiterAt(1_000_000, { limit: 3 });
    expect([1, 2, 3].map(() => limiter.admit("a").allowed)).toEqual([true, true, true]);
    clock.t += 15_500;
    expect(limiter.admit("a")).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.admit("b").allowed).toBe(true);
    clock.t += 44_499;
    expect(limiter.admit("a")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.t += 1;
    expect(limiter.admit("a").allowed).toBe(true);
  });

  it("treats a limit of 0 as no limit", () => {
    const { limiter } = limiterAt(0, { limit: 0 });
    expect(Array.from({ length: 1000 }, () => limiter.admit("a").allowed).every(Boolean)).toBe(true);
  });

  it("keeps memory bounded: ended windows and, past maxKeys, the oldest keys are dropped", () => {
    const { clock, limiter } = limiterAt(0, { limit: 1, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) limiter.admit(`k${i}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
    expect(limiter.admit("k999").allowed).toBe(false);
    clock.t += 60_000;
    limiter.admit("fresh");
    expect(limiter.size).toBe(1);
  });
});
