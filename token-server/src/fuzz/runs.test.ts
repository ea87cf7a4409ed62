import { describe, expect, it } from "vitest";
import { FUZZ_RUNS } from "./runs.ts";

describe("fuzz budget", () => {
  it("runs at least 10,000 cases across the suites", () => {
    expect(Object.values(FUZZ_RUNS).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10_000);
  });
});
