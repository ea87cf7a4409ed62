import { describe, expect, it } from "vitest";
import { ALL, Harness, NONE, OFFER, watching } from "./viewer-registry.harness.ts";
import { admittedViewers, connectedViewers } from "./viewer-registry.ts";

describe("joining", () => {
  it("answers and lets a viewer in at once when the sharer does not ask", () => {
    const h = new Harness();
    expect(h.offer("a")).toEqual([
      { kind: "answer", peer: 1, clientId: "a", offer: OFFER },
      { kind: "set-tracks", peer: 1, tracks: ALL },
    ]);
    expect(h.connection("a", "connecting")).toEqual([]);
    expect(h.connection("a", "connected")).toEqual([{ kind: "report-peers", count: 1 }]);
    expect(connectedViewers(h.state)).toBe(1);
  });

  it("counts an encoder for every viewer let in, connected or not, and none for one still waiting", () => {
    const h = new Harness(true);
    h.offer("waits");
    expect(admittedViewers(h.state)).toBe(0);
    h.run({ type: "admit", clientId: "waits", allow: true });
    h.offer("second");
    h.run({ type: "admit", clientId: "second", allow: true });
    expect(admittedViewers(h.state)).toBe(2);
    expect(connectedViewers(h.state)).toBe(0);
    h.connection("second", "failed");
    expect(admittedViewers(h.state)).toBe(1);
  });

  it("tells a viewer let in during a pause or mute, and sends it nothing paused", () => {
    const h = new Harness();
    h.run({ type: "controls", controls: { paused: true, audioMuted: true } });
    expect(h.offer("a")).toEqual([
      { kind: "answer", peer: 1, clientId: "a", offer: OFFER },
      { kind: "set-tracks", peer: 1, tracks: NONE },
      { kind: "tell", peer: 1, message: { type: "paused" } },
      { kind: "tell", peer: 1, message: { type: "audio", muted: true } },
    ]);
  });

  it("a rejoin with the same clientId replaces the old connection, which stops counting", () => {
    const h = new Harness();
    watching(h, "a");
    expect(h.offer("a")).toEqual([
      { kind: "close-peer", peer: 1 },
      { kind: "forget", clientId: "a" },
      { kind: "answer", peer: 2, clientId: "a", offer: OFFER },
      { kind: "set-tracks", peer: 2, tracks: ALL },
      { kind: "report-peers", count: 0 },
    ]);
    expect(h.connection("a", "closed", 1)).toEqual([]);
    expect(h.state.viewers.get("a")?.peer).toBe(2);
  });
});

describe("ask before join", () => {
  it("a new viewer waits with nothing sent until the sharer lets it in", () => {
    const h = new Harness(true);
    expect(h.offer("a")).toEqual([
      { kind: "answer", peer: 1, clientId: "a", offer: OFFER },
      { kind: "tell", peer: 1, message: { type: "waiting" } },
      { kind: "notify-join-request", clientId: "a" },
      { kind: "schedule-timer", at: h.now + 60_000 },
    ]);
    expect(h.connection("a", "connected")).toEqual([]);
    expect(h.run({ type: "admit", clientId: "a", allow: true })).toEqual([
      { kind: "notify-join-settled", clientId: "a" },
      { kind: "set-tracks", peer: 1, tracks: ALL },
      { kind: "schedule-timer", at: null },
      { kind: "report-peers", count: 1 },
    ]);
    expect(h.run({ type: "admit", clientId: "a", allow: false })).toEqual([]);
  });

  it("a denied viewer is told, then closed and forgotten", () => {
    const h = new Harness(true);
    h.offer("a");
    expect(h.run({ type: "admit", clientId: "a", allow: false })).toEqual([
      { kind: "notify-join-settled", clientId: "a" },
      { kind: "close-peer", peer: 1, farewell: { type: "denied", timedOut: false } },
      { kind: "forget", clientId: "a" },
      { kind: "schedule-timer", at: null },
    ]);
    expect(h.state.viewers.size).toBe(0);
  });

  it("nobody answering in time tells the viewer no", () => {
    const h = new Harness(true);
    h.offer("a");
    h.now += 59_999;
    expect(h.tick()).toEqual([{ kind: "schedule-timer", at: h.now + 1 }]);
    h.now += 1;
    expect(h.tick()).toEqual([
      { kind: "notify-join-settled", clientId: "a" },
      { kind: "close-peer", peer: 1, farewell: { type: "denied", timedOut: true } },
      { kind: "forget", clientId: "a" },
    ]);
  });

  it("a viewer let in before rejoins without waiting; turning asking off lets everyone in", () => {
    const h = new Harness(true);
    h.offer("a");
    h.run({ type: "admit", clientId: "a", allow: true });
    expect(h.offer("a")).not.toContainEqual(expect.objectContaining({ kind: "notify-join-request" }));
    h.offer("b");
    h.offer("c");
    expect(h.run({ type: "ask", enabled: false })).toEqual([
      { kind: "notify-join-settled", clientId: "b" },
      { kind: "set-tracks", peer: 3, tracks: ALL },
      { kind: "notify-join-settled", clientId: "c" },
      { kind: "set-tracks", peer: 4, tracks: ALL },
      { kind: "schedule-timer", at: null },
    ]);
  });

  it("a waiting viewer that leaves settles its request", () => {
    const h = new Harness(true);
    h.offer("a");
    expect(h.connection("a", "failed")).toEqual([
      { kind: "notify-join-settled", clientId: "a" },
      { kind: "close-peer", peer: 1 },
      { kind: "forget", clientId: "a" },
      { kind: "schedule-timer", at: null },
    ]);
  });
});

describe("removal", () => {
  it("tells the viewer, closes it, and ignores its offers for the rest of the share", () => {
    const h = new Harness();
    watching(h, "a");
    expect(h.run({ type: "remove", clientId: "a" })).toEqual([
      { kind: "close-peer", peer: 1, farewell: { type: "removed" } },
      { kind: "forget", clientId: "a" },
      { kind: "report-peers", count: 0 },
    ]);
    expect(h.offer("a")).toEqual([]);
  });

  it("a removed viewer loses the place it was let in to, and its rejoins are ignored even when nobody asks", () => {
    const h = new Harness(true);
    watching(h, "a");
    h.run({ type: "remove", clientId: "a" });
    expect(h.state.admitted.has("a")).toBe(false);
    h.run({ type: "ask", enabled: false });
    expect(h.offer("a")).toEqual([]);
  });
});
