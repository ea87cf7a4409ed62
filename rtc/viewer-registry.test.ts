import { describe, expect, it } from "vitest";
import {
  connectedViewers,
  emptyViewerRegistry,
  reduceViewers,
  type ViewerEffect,
  type ViewerEvent,
  type ViewerRegistryState,
} from "./viewer-registry.ts";

const timeouts = { joinTimeoutMs: 60_000, disconnectGraceMs: 5_000 };
const OFFER = { type: "offer", sdp: "v=0" } as const;
const ALL = { video: true, audio: true };
const NONE = { video: null, audio: null };

/** Drives the reducer like the master does and keeps the effects of each step. */
class Harness {
  state: ViewerRegistryState;
  now = 1_000_000;

  constructor(askBeforeJoin = false) {
    this.state = emptyViewerRegistry(askBeforeJoin);
  }

  run(event: ViewerEvent): ViewerEffect[] {
    const { state, effects } = reduceViewers(this.state, event, timeouts);
    this.state = state;
    return effects;
  }
  offer(clientId: string): ViewerEffect[] {
    return this.run({ type: "offer", clientId, offer: OFFER, now: this.now });
  }
  peerOf(clientId: string): number {
    const viewer = this.state.viewers.get(clientId);
    if (!viewer) throw new Error(`${clientId} is not in the registry`);
    return viewer.peer;
  }
  connection(clientId: string, state: RTCPeerConnectionState, peer = this.peerOf(clientId)): ViewerEffect[] {
    return this.run({ type: "peer-state", clientId, peer, state, now: this.now });
  }
  tick(): ViewerEffect[] {
    return this.run({ type: "tick", now: this.now });
  }
}

/** A viewer let in (by the sharer, if asked) and connected. */
function watching(h: Harness, clientId: string): void {
  h.offer(clientId);
  h.run({ type: "admit", clientId, allow: true });
  h.connection(clientId, "connected");
}

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
