import { describe, expect, it } from "vitest";
import type { ViewerState } from "../../../protocol/viewer-state";
import { describeState } from "./messages";

describe("describeState", () => {
  it("says what happened in words a viewer understands", () => {
    expect(describeState({ name: "ended" }).text).toBe("The sharer ended this share.");
    expect(describeState({ name: "full" }).text).toBe("This share is full (10 viewers). Try again later.");
    expect(describeState({ name: "invalid" }).text).toBe(
      "This link isn't valid. Ask the sharer for a new one.",
    );
    expect(describeState({ name: "expired" }).text).toBe("This link has expired.");
  });

  it("says what the sharer did: paused, waiting, removed, denied, a new link", () => {
    expect(describeState({ name: "paused" }).text).toBe("Paused");
    expect(describeState({ name: "waiting" }).text).toBe("Waiting for the sharer to let you in…");
    expect(describeState({ name: "removed" }).text).toBe("The sharer removed you from this share.");
    expect(describeState({ name: "denied", timedOut: false }).text).toBe("The sharer didn't let you in.");
    expect(describeState({ name: "denied", timedOut: true })).toMatchObject({ retry: true });
    expect(describeState({ name: "replaced" }).text).toBe("This link is no longer valid.");
  });

  it("offers a retry only where waiting can help", () => {
    const retry = (state: ViewerState) => describeState(state).retry;
    expect(retry({ name: "full" })).toBe(true);
    expect(retry({ name: "error", failure: "network" })).toBe(true);
    expect(retry({ name: "ended" })).toBe(false);
    expect(retry({ name: "invalid" })).toBe(false);
    expect(retry({ name: "error", failure: "unsupported" })).toBe(false);
  });

  it("names an unexpected failure's code so a bug report can quote it", () => {
    expect(describeState({ name: "error", failure: "kvs_unavailable" })).toMatchObject({
      text: "Something went wrong on our side.",
      detail: "Error: kvs_unavailable",
    });
  });
});
