import { describe, expect, it } from "vitest";
import { ALL, Harness, NONE, watching } from "./viewer-registry.harness.ts";

describe("leaving and the disconnect grace", () => {
  it("a failed or closed connection leaves at once", () => {
    const h = new Harness();
    watching(h, "a");
    expect(h.connection("a", "closed")).toEqual([
      { kind: "close-peer", peer: 1 },
      { kind: "forget", clientId: "a" },
      { kind: "report-peers", count: 0 },
    ]);
  });

  it("a disconnected viewer is dropped after the grace unless it comes back", () => {
    const h = new Harness();
    watching(h, "a");
    expect(h.connection("a", "disconnected")).toEqual([
      { kind: "schedule-timer", at: h.now + 5_000 },
      { kind: "report-peers", count: 0 },
    ]);
    h.now += 4_000;
    expect(h.connection("a", "connected")).toEqual([
      { kind: "schedule-timer", at: null },
      { kind: "report-peers", count: 1 },
    ]);
    h.connection("a", "disconnected");
    h.now += 5_000;
    expect(h.tick()).toEqual([
      { kind: "close-peer", peer: 1 },
      { kind: "forget", clientId: "a" },
    ]);
  });

  it("ignores events from a connection it already replaced or dropped", () => {
    const h = new Harness();
    watching(h, "a");
    h.offer("a");
    expect(h.connection("a", "connected", 1)).toEqual([]);
    expect(h.connection("gone", "connected", 7)).toEqual([]);
  });
});

describe("live controls", () => {
  it("pause and mute change every viewer's tracks and tell only those let in", () => {
    const h = new Harness(true);
    watching(h, "a");
    h.offer("b");
    expect(h.run({ type: "controls", controls: { paused: true } })).toEqual([
      { kind: "set-tracks", peer: 1, tracks: NONE },
      { kind: "set-tracks", peer: 2, tracks: NONE },
      { kind: "tell", peer: 1, message: { type: "paused" } },
    ]);
    expect(h.run({ type: "controls", controls: { paused: false, audioMuted: true } })).toEqual([
      { kind: "set-tracks", peer: 1, tracks: { video: true, audio: null } },
      { kind: "set-tracks", peer: 2, tracks: NONE },
      { kind: "tell", peer: 1, message: { type: "resumed" } },
      { kind: "tell", peer: 1, message: { type: "audio", muted: true } },
    ]);
  });

  it("a new source and a new link reach the viewers let in", () => {
    const h = new Harness(true);
    watching(h, "a");
    h.offer("b");
    expect(h.run({ type: "source", source: "tab" })).toEqual([
      { kind: "set-tracks", peer: 1, tracks: ALL },
      { kind: "set-tracks", peer: 2, tracks: NONE },
      { kind: "tell", peer: 1, message: { type: "source", source: "tab" } },
    ]);
    h.run({ type: "ask", enabled: false });
    expect(h.run({ type: "link", token: "t2" })).toEqual([
      { kind: "tell", peer: 1, message: { type: "link", token: "t2" } },
      { kind: "tell", peer: 2, message: { type: "link", token: "t2" } },
    ]);
  });
});

describe("stop", () => {
  it("tells every viewer the share ended, closes them all and leaves no timer", () => {
    const h = new Harness(true);
    watching(h, "a");
    h.offer("b");
    expect(h.run({ type: "stop" })).toEqual([
      { kind: "close-peer", peer: 1, farewell: { type: "ended" } },
      { kind: "forget", clientId: "a" },
      { kind: "notify-join-settled", clientId: "b" },
      { kind: "close-peer", peer: 2, farewell: { type: "ended" } },
      { kind: "forget", clientId: "b" },
      { kind: "schedule-timer", at: null },
      { kind: "report-peers", count: 0 },
    ]);
  });

  it("never mutates the previous state", () => {
    const h = new Harness(true);
    h.offer("a");
    const before = h.state;
    const snapshot = JSON.stringify([...before.viewers]);
    h.run({ type: "admit", clientId: "a", allow: true });
    h.run({ type: "remove", clientId: "a" });
    expect(JSON.stringify([...before.viewers])).toBe(snapshot);
    expect(before.admitted.size).toBe(0);
    expect(before.removed.size).toBe(0);
  });
});
