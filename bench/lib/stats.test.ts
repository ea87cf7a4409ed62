import { describe, expect, it } from "vitest";
import { median, percentile, round, summarize } from "./stats";

describe("percentile", () => {
  it("uses the nearest rank of the sorted samples", () => {
    const values = [5, 1, 4, 2, 3];
    expect(percentile(values, 50)).toBe(3);
    expect(percentile(values, 100)).toBe(5);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 95)).toBe(5);
  });

  it("takes the 95th of 20 samples from the 19th", () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(values, 95)).toBe(19);
    expect(median(values)).toBe(10);
  });

  it("is NaN without samples", () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("summarize and round", () => {
  it("reports count, median, tails and range", () => {
    expect(summarize([3, 1, 2])).toEqual({ n: 3, median: 2, p95: 3, p99: 3, min: 1, max: 3 });
  });

  it("keeps three significant digits below 100", () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(12345.6)).toBe(12346);
  });
});
