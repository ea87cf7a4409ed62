import { describe, expect, it } from "vitest";
import { formatElapsed } from "./elapsed.ts";

describe("formatElapsed", () => {
  it("shows minutes and seconds under an hour", () => {
    expect(formatElapsed(0)).toBe("0:00");
    expect(formatElapsed(7_900)).toBe("0:07");
    expect(formatElapsed(754_000)).toBe("12:34");
  });

  it("adds hours past an hour", () => {
    expect(formatElapsed(3_723_000)).toBe("1:02:03");
  });

  it("never goes negative when clocks disagree", () => {
    expect(formatElapsed(-5_000)).toBe("0:00");
  });
});
