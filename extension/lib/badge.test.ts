import { describe, expect, it } from "vitest";
import type { ShareState } from "../../protocol/share.ts";
import { badgeFor } from "./badge.ts";

const session = { sessionId: "s", viewerUrl: "u", expiresAt: "e", serverUrl: "h" };
const live = (peers: number): ShareState => ({
  status: "live",
  source: "tab",
  session,
  startedAt: 0,
  peers,
  paused: false,
  audioMuted: false,
  askBeforeJoin: false,
});

describe("badgeFor", () => {
  it("shows the viewer count while live, and LIVE before anyone watches", () => {
    expect(badgeFor(live(3)).text).toBe("3");
    expect(badgeFor(live(0)).text).toBe("LIVE");
    expect(badgeFor(live(3)).title).toContain("3 watching");
  });

  it("says in its tooltip that the current link is on the clipboard", () => {
    const copied = { ...live(1), copiedUrl: "u" } as ShareState;
    expect(badgeFor(copied).title).toContain("link copied");
    expect(badgeFor({ ...live(1), copiedUrl: "old" } as ShareState).title).not.toContain("copied");
  });

  it("keeps the count in another colour while reconnecting", () => {
    const badge = badgeFor({ ...live(2), status: "reconnecting" } as ShareState);
    expect(badge.text).toBe("2");
    expect(badge.color).not.toBe(badgeFor(live(2)).color);
  });

  it("clears when idle or ended", () => {
    expect(badgeFor({ status: "idle" }).text).toBe("");
    expect(badgeFor({ status: "ended", reason: "stopped", source: "tab" }).text).toBe("");
  });
});
