import { describe, expect, it } from "vitest";
import { withUserGesture } from "./user-gesture.ts";

const refusal = Object.assign(new Error("getDisplayMedia requires transient activation"), {
  name: "InvalidStateError",
});

describe("withUserGesture", () => {
  it("returns the first attempt's result without asking for a click", async () => {
    let asked = false;
    const result = await withUserGesture(
      async () => "stream",
      () => {
        asked = true;
      },
    );
    expect(result).toBe("stream");
    expect(asked).toBe(false);
  });

  it("asks for a click when the browser wants a gesture, and tries again inside it", async () => {
    let attempts = 0;
    let click: (() => void) | undefined;
    const pending = withUserGesture(
      async () => {
        attempts += 1;
        if (attempts === 1) throw refusal;
        return "stream";
      },
      (onClick) => {
        click = onClick;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(attempts).toBe(1);
    click?.();
    await expect(pending).resolves.toBe("stream");
    expect(attempts).toBe(2);
  });

  it("passes other failures (the picker cancelled) straight through", async () => {
    const cancelled = Object.assign(new Error("denied"), { name: "NotAllowedError" });
    await expect(
      withUserGesture(
        () => Promise.reject(cancelled),
        () => {},
      ),
    ).rejects.toBe(cancelled);
  });
});
