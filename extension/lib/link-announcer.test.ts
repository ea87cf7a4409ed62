import { describe, expect, it } from "vitest";
import { type AnnouncerPorts, CLOSED_BY_CAPTURE_MS, createLinkAnnouncer } from "./link-announcer.ts";

function setUp(options: { copyEnabled?: boolean; copyWorks?: boolean } = {}) {
  const log: string[] = [];
  let now = 1_000;
  const ports: AnnouncerPorts = {
    copyEnabled: async () => options.copyEnabled ?? true,
    copy: async (text) => {
      log.push(`copy ${text}`);
      return options.copyWorks ?? true;
    },
    copied: async (url) => void log.push(`copied ${url}`),
    tell: async (announcement, copied) =>
      void log.push(`tell ${announcement} ${copied ? "copied" : "not copied"}`),
    withdraw: async () => void log.push("withdraw"),
    now: () => now,
  };
  const advance = (ms: number) => {
    now += ms;
  };
  return { announcer: createLinkAnnouncer(ports), log, advance };
}

describe("link announcer", () => {
  it("copies the link and, with no popup open, tells the person", async () => {
    const { announcer, log } = setUp();
    expect(await announcer.announce("live", "http://x/v/1#a")).toBe(true);
    expect(log).toEqual(["copy http://x/v/1#a", "copied http://x/v/1#a", "tell live copied"]);
  });

  it("leaves it to an open popup, which says Link copied", async () => {
    const { announcer, log } = setUp();
    announcer.popupOpened();
    await announcer.announce("live", "u");
    expect(log).toEqual(["copy u", "copied u"]);
  });

  it("tells again when the popup closes right after showing the link (a tab capture closed it)", async () => {
    const { announcer, log, advance } = setUp();
    announcer.popupOpened();
    await announcer.announce("live", "u");
    advance(CLOSED_BY_CAPTURE_MS - 1_000);
    await announcer.popupClosed();
    expect(log.at(-1)).toBe("tell live copied");
    // Told once: the popup it reopened closing later is the person's own doing.
    announcer.popupOpened();
    await announcer.popupClosed();
    expect(log.filter((line) => line.startsWith("tell"))).toHaveLength(1);
  });

  it("does not reopen a popup the person closed after reading it", async () => {
    const { announcer, log, advance } = setUp();
    announcer.popupOpened();
    await announcer.announce("new-link", "u2");
    advance(CLOSED_BY_CAPTURE_MS);
    await announcer.popupClosed();
    expect(log.some((line) => line.startsWith("tell"))).toBe(false);
  });

  it("waits for the last of two popups to close", async () => {
    const { announcer, log } = setUp();
    announcer.popupOpened();
    announcer.popupOpened();
    await announcer.announce("live", "u");
    await announcer.popupClosed();
    expect(log.some((line) => line.startsWith("tell"))).toBe(false);
    await announcer.popupClosed();
    expect(log.at(-1)).toBe("tell live copied");
  });

  it("does not touch the clipboard when copying is off, and says the link was not copied", async () => {
    const { announcer, log } = setUp({ copyEnabled: false });
    expect(await announcer.announce("live", "u")).toBe(false);
    expect(log).toEqual(["tell live not copied"]);
  });

  it("says the link was not copied when the browser refused", async () => {
    const { announcer, log } = setUp({ copyWorks: false });
    expect(await announcer.announce("new-link", "u")).toBe(false);
    expect(log).toEqual(["copy u", "tell new-link not copied"]);
  });

  it("brings back a popup a tab switch closed, without copying anything", async () => {
    const { announcer, log } = setUp();
    announcer.popupOpened();
    await announcer.switched();
    await announcer.popupClosed();
    expect(log).toEqual(["tell switched not copied"]);
  });

  it("forgets a pending announcement and withdraws the notice when the share ends", async () => {
    const { announcer, log } = setUp();
    announcer.popupOpened();
    await announcer.announce("live", "u");
    await announcer.forget();
    await announcer.popupClosed();
    expect(log).toEqual(["copy u", "copied u", "withdraw"]);
  });

  it("never counts below zero popups", async () => {
    const { announcer, log } = setUp();
    await announcer.popupClosed();
    await announcer.announce("live", "u");
    expect(log.at(-1)).toBe("tell live copied");
  });
});
