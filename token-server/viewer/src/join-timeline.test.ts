import { describe, expect, it } from "vitest";
import { translator } from "./i18n/language";
import { createJoinTimeline } from "./join-timeline";

describe("join timeline", () => {
  it("shows each phase's first time since the link was opened, in phase order", () => {
    let now = 0;
    const timeline = createJoinTimeline(() => now);
    now = 120.4;
    timeline.mark("credentials");
    now = 300;
    timeline.mark("answer");
    timeline.mark("signaling");
    now = 900;
    timeline.mark("credentials");
    expect(timeline.rows(translator("en"))).toEqual([
      ["Credentials", "+120 ms"],
      ["Signaling connected", "+300 ms"],
      ["Answer received", "+300 ms"],
      ["ICE connected", "—"],
      ["First frame", "—"],
    ]);
  });

  it("keeps an earlier time it is given (the credentials the inline script fetched)", () => {
    const timeline = createJoinTimeline(() => 500);
    timeline.mark("credentials", 61.6);
    timeline.mark("credentials");
    expect(timeline.rows(translator("en"))[0]).toEqual(["Credentials", "+62 ms"]);
  });
});
