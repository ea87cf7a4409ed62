import { describe, expect, it } from "vitest";
import type { ViewerState } from "../../../protocol/viewer-state";
import { translator } from "./i18n/language";
import { describeState } from "./messages";

const english = (state: ViewerState) => describeState(state, translator("en"));

describe("describeState", () => {
  it("says what happened in words a viewer understands", () => {
    expect(english({ name: "ended" }).text).toBe("The sharer ended this share.");
    expect(english({ name: "full" })).toMatchObject({
      text: "This share is full.",
      detail: "It allows 10 viewers. Try again later.",
    });
    expect(english({ name: "expired" }).text).toBe("This link has expired.");
  });

  it("gives every link problem a heading and a next step", () => {
    for (const name of ["invalid", "expired", "replaced"] as const) {
      const message = english({ name });
      expect(message.text, name).toMatch(/link/);
      expect(message.detail, name).toMatch(/sharer/);
    }
  });

  it("says what the sharer did: paused, waiting, removed, denied, a new link", () => {
    expect(english({ name: "paused" }).text).toBe("Paused");
    expect(english({ name: "waiting" }).text).toBe("Waiting for the sharer to let you in…");
    expect(english({ name: "removed" }).text).toBe("The sharer removed you from this share.");
    expect(english({ name: "denied", timedOut: false }).text).toBe("The sharer didn't let you in.");
    expect(english({ name: "denied", timedOut: true })).toMatchObject({ retry: true });
    expect(english({ name: "replaced" }).text).toBe("This link is no longer valid.");
  });

  it("offers a retry only where waiting can help", () => {
    const retry = (state: ViewerState) => english(state).retry;
    expect(retry({ name: "full" })).toBe(true);
    expect(retry({ name: "error", failure: "network" })).toBe(true);
    expect(retry({ name: "ended" })).toBe(false);
    expect(retry({ name: "invalid" })).toBe(false);
    expect(retry({ name: "error", failure: "unsupported" })).toBe(false);
  });

  it("names an unexpected failure's code so a bug report can quote it", () => {
    expect(english({ name: "error", failure: "kvs_unavailable" })).toMatchObject({
      text: "Something went wrong on our side.",
      detail: "Error: kvs_unavailable",
    });
  });

  it("says joining, not an error, while KVS throttles a crowd's connects", () => {
    expect(english({ name: "joining" })).toMatchObject({ text: "Joining…", retry: false });
    expect(describeState({ name: "joining" }, translator("ko")).text).toBe("참여하는 중…");
  });

  it("speaks Korean when the page does", () => {
    expect(describeState({ name: "expired" }, translator("ko"))).toMatchObject({
      text: "만료된 링크예요.",
      detail: "공유한 사람에게 새 링크를 요청하세요.",
    });
  });
});
