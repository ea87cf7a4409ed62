import { describe, expect, it } from "vitest";
import { backoff } from "./reconnect";

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
