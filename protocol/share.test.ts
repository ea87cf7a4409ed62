import { describe, expect, it } from "vitest";
import { IDLE, isActive, reduceShare, type ShareEvent, type ShareState } from "./share.ts";

const session = {
  sessionId: "s1",
  viewerUrl: "http://x/v/s1#t",
  expiresAt: "2030-01-01T00:00:00Z",
  serverUrl: "http://x",
};

function run(...events: ShareEvent[]): ShareState {
  return events.reduce(reduceShare, IDLE);
}

describe("share state machine", () => {
  it("goes idle → starting → live with zero viewers and the start time", () => {
    const state = run({ type: "start", source: "tab", tabId: 7 }, { type: "live", session, at: 1000 });
    expect(state).toEqual({
      status: "live",
      source: "tab",
      tabId: 7,
      session,
      startedAt: 1000,
      peers: 0,
      paused: false,
      audioMuted: false,
      askBeforeJoin: false,
    });
  });

  it("keeps the live controls: switch, pause, mute, ask before join, new link", () => {
    const live = run(
      { type: "start", source: "camera" },
      { type: "live", session, at: 0, askBeforeJoin: true },
    );
    expect(live).toMatchObject({ askBeforeJoin: true });
    const pending = reduceShare(live, { type: "switch_pending", pending: "camera" });
    const switched = reduceShare(pending, { type: "switched", source: "tab", tabId: 9 });
    expect(switched).toMatchObject({ source: "tab", tabId: 9, pendingSwitch: undefined, startedAt: 0 });
    const paused = reduceShare(switched, { type: "paused", paused: true });
    expect(paused).toMatchObject({ paused: true });
    expect(reduceShare(paused, { type: "paused", paused: true })).toBe(paused);
    expect(reduceShare(paused, { type: "audio_muted", muted: true })).toMatchObject({
      paused: true,
      audioMuted: true,
    });
    expect(reduceShare(paused, { type: "ask_before_join", enabled: false })).toMatchObject({
      askBeforeJoin: false,
    });
    expect(reduceShare(paused, { type: "link", viewerUrl: "http://x/v/s1#new" })).toMatchObject({
      session: { ...session, viewerUrl: "http://x/v/s1#new" },
    });
    expect(reduceShare(IDLE, { type: "paused", paused: true })).toBe(IDLE);
  });

  it("remembers which link is on the clipboard; a new link is not copied until said so", () => {
    const live = run({ type: "start", source: "tab", tabId: 1 }, { type: "live", session, at: 0 });
    expect("copiedUrl" in live).toBe(false);
    const copied = reduceShare(live, { type: "link_copied", viewerUrl: session.viewerUrl });
    expect(copied).toMatchObject({ copiedUrl: session.viewerUrl });
    expect(reduceShare(copied, { type: "link_copied", viewerUrl: session.viewerUrl })).toBe(copied);
    const rotated = reduceShare(copied, { type: "link", viewerUrl: "http://x/v/s1#new" });
    expect(rotated).toMatchObject({ copiedUrl: session.viewerUrl });
    expect(reduceShare(IDLE, { type: "link_copied", viewerUrl: "u" })).toBe(IDLE);
  });

  it("tracks the viewer count while live and reconnecting", () => {
    const live = run(
      { type: "start", source: "camera" },
      { type: "live", session, at: 0 },
      { type: "peers", count: 3 },
    );
    expect(live).toMatchObject({ status: "live", peers: 3 });
    const reconnecting = reduceShare(live, { type: "signaling_lost" });
    expect(reconnecting).toMatchObject({ status: "reconnecting", peers: 3 });
    expect(reduceShare(reconnecting, { type: "peers", count: 2 })).toMatchObject({
      status: "reconnecting",
      peers: 2,
    });
    expect(reduceShare(reconnecting, { type: "signaling_restored" })).toMatchObject({ status: "live" });
  });

  it("records the start phase only while starting", () => {
    const starting = run(
      { type: "start", source: "camera" },
      { type: "phase", phase: "permission", permissionTabId: 4 },
    );
    expect(starting).toMatchObject({ status: "starting", phase: "permission", permissionTabId: 4 });
    expect(reduceShare(IDLE, { type: "phase", phase: "capture" })).toBe(IDLE);
  });

  it("ignores a second start while a share is active", () => {
    const live = run({ type: "start", source: "tab", tabId: 1 }, { type: "live", session, at: 0 });
    expect(reduceShare(live, { type: "start", source: "camera" })).toBe(live);
  });

  it("ends or fails only an active share, keeping the source", () => {
    const starting = run({ type: "start", source: "camera" });
    expect(reduceShare(starting, { type: "fail", error: { code: "camera_denied", message: "" } })).toEqual({
      status: "failed",
      source: "camera",
      error: { code: "camera_denied", message: "" },
    });
    const ended = reduceShare(starting, { type: "end", reason: "stopped" });
    expect(ended).toEqual({ status: "ended", reason: "stopped", source: "camera" });
    expect(reduceShare(ended, { type: "fail", error: { code: "internal", message: "" } })).toBe(ended);
    expect(reduceShare(IDLE, { type: "end", reason: "stopped" })).toBe(IDLE);
  });

  it("resets to idle from ended or failed but never from an active share", () => {
    const ended = run({ type: "start", source: "tab" }, { type: "end", reason: "tab_closed" });
    expect(reduceShare(ended, { type: "reset" })).toBe(IDLE);
    const live = run({ type: "start", source: "tab" }, { type: "live", session, at: 0 });
    expect(reduceShare(live, { type: "reset" })).toBe(live);
    expect(isActive(live)).toBe(true);
  });

  it("can start again after a share ended", () => {
    const again = run(
      { type: "start", source: "tab" },
      { type: "end", reason: "stopped" },
      { type: "start", source: "camera" },
    );
    expect(again).toMatchObject({ status: "starting", source: "camera" });
  });

  it("does not go live from anything but starting", () => {
    expect(reduceShare(IDLE, { type: "live", session, at: 0 })).toBe(IDLE);
  });
});
