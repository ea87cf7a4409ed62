import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ViewerJoinResponse } from "../../../protocol/api";
import { backoff, jitteredBackoff } from "../../../protocol/reconnect";
import type { ViewerStateName } from "../../../protocol/viewer-state";
import { type ConnectionEvents, type JoinResult, UNANSWERED_BEFORE_GONE, watchSession } from "./watch";

const credentials = (clientId: string): ViewerJoinResponse => ({
  clientId,
  signedUrl: `ws://127.0.0.1/${clientId}`,
  iceServers: [],
  region: "us-west-2",
  channelArn: "arn:aws:kinesisvideo:us-west-2:1:channel/beam-x/1",
  source: "tab",
  expiresAt: "2030-01-01T00:00:00Z",
});

/** Drives a watch with scripted join answers; records states and connections. */
function harness(answers: JoinResult[], maxAttempts = 5) {
  const states: ViewerStateName[] = [];
  const connections: {
    clientId: string;
    connectDelayMs?: number;
    events: ConnectionEvents;
    closed: boolean;
  }[] = [];
  const join = vi.fn(async () => answers.shift() ?? { ok: true as const, credentials: credentials("later") });
  const watch = watchSession({
    join,
    connect: (creds, events) => {
      const connection = {
        clientId: creds.clientId,
        connectDelayMs: creds.connectDelayMs,
        events,
        closed: false,
      };
      connections.push(connection);
      return {
        close: () => {
          connection.closed = true;
        },
      };
    },
    policy: backoff({ maxAttempts, baseMs: 100 }),
    connectPolicy: jitteredBackoff({ random: () => 0.5, maxAttempts: 3 }),
    schedule: (run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
    onState: (s) => states.push(s.name),
    onJoined: () => {},
    onStream: () => {},
  });
  return { watch, states, connections, join };
}

describe("watchSession", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("joins, connects with the credentials and goes live when media plays", async () => {
    const h = harness([{ ok: true, credentials: credentials("a") }]);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.connections.map((c) => c.clientId)).toEqual(["a"]);
    h.watch.playing();
    expect(h.states).toEqual(["connecting", "live"]);
  });

  it("shows ended when the server answers 410 after the connection is lost", async () => {
    const h = harness([
      { ok: true, credentials: credentials("a") },
      { ok: false, failure: "session_ended" },
    ]);
    await vi.advanceTimersByTimeAsync(0);
    h.watch.playing();
    h.connections[0]?.events.lost("connection failed");
    await vi.advanceTimersByTimeAsync(0);
    expect(h.states).toEqual(["connecting", "live", "reconnecting", "ended"]);
    expect(h.join).toHaveBeenCalledTimes(2);
  });

  it("reconnects with a fresh client id when the share is still on", async () => {
    const h = harness([
      { ok: true, credentials: credentials("a") },
      { ok: true, credentials: credentials("b") },
    ]);
    await vi.advanceTimersByTimeAsync(0);
    h.watch.playing();
    h.connections[0]?.events.lost("connection disconnected");
    await vi.advanceTimersByTimeAsync(0);
    expect(h.connections.map((c) => c.clientId)).toEqual(["a", "b"]);
    h.watch.playing();
    expect(h.states).toEqual(["connecting", "live", "reconnecting", "live"]);
  });

  it("ends at once when the sharer says so and closes the connection", async () => {
    const h = harness([{ ok: true, credentials: credentials("a") }]);
    await vi.advanceTimersByTimeAsync(0);
    h.watch.playing();
    h.connections[0]?.events.ended();
    h.connections[0]?.events.lost("data channel closed");
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.states).toEqual(["connecting", "live", "ended"]);
    expect(h.connections[0]?.closed).toBe(true);
    expect(h.join).toHaveBeenCalledTimes(1);
  });

  it("follows the sharer's pause and removal, and does not rejoin once removed", async () => {
    const h = harness([{ ok: true, credentials: credentials("a") }]);
    await vi.advanceTimersByTimeAsync(0);
    h.watch.playing();
    h.connections[0]?.events.sharer({ type: "peer-paused" });
    h.watch.playing();
    h.connections[0]?.events.sharer({ type: "peer-resumed" });
    h.connections[0]?.events.sharer({ type: "peer-removed" });
    h.connections[0]?.events.lost("data channel closed");
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.states).toEqual(["connecting", "live", "paused", "live", "removed"]);
    expect(h.connections[0]?.closed).toBe(true);
    expect(h.join).toHaveBeenCalledTimes(1);
  });

  it("stops at a terminal answer without retrying", async () => {
    const h = harness([{ ok: false, failure: "session_full" }]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.states).toEqual(["connecting", "full"]);
    expect(h.join).toHaveBeenCalledTimes(1);
  });

  it("retries transient failures with backoff and gives up with the last reason", async () => {
    const network = { ok: false as const, failure: "network" as const };
    const h = harness([network, network, network, network, network], 3);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.join).toHaveBeenCalledTimes(2); // the first retry is immediate
    await vi.advanceTimersByTimeAsync(99);
    expect(h.join).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.join).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(200);
    expect(h.join).toHaveBeenCalledTimes(4);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(h.states).toEqual(["connecting", "error"]);
    expect(h.join).toHaveBeenCalledTimes(4);
  });

  it("ignores a stale connection's events after stop", async () => {
    const h = harness([{ ok: true, credentials: credentials("a") }]);
    await vi.advanceTimersByTimeAsync(0);
    h.watch.stop();
    h.connections[0]?.events.lost("late");
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.join).toHaveBeenCalledTimes(1);
    expect(h.connections[0]?.closed).toBe(true);
  });

  it("says the sharer is gone once it leaves consecutive attempts unanswered", async () => {
    const h = harness([], 8);
    await vi.advanceTimersByTimeAsync(0);
    h.watch.playing();
    h.connections[0]?.events.lost("data channel closed");
    await vi.advanceTimersByTimeAsync(0);
    h.connections[1]?.events.lost("no answer from the sharer", "unanswered");
    await vi.advanceTimersByTimeAsync(100);
    // An answered attempt in between starts the count again.
    h.connections[2]?.events.lost("connection failed");
    await vi.advanceTimersByTimeAsync(200);
    for (let i = 3; i < 3 + UNANSWERED_BEFORE_GONE; i++) {
      h.connections[i]?.events.lost("no answer from the sharer", "unanswered");
      await vi.advanceTimersByTimeAsync(10_000);
    }
    expect(h.states).toEqual(["connecting", "live", "reconnecting", "error"]);
    expect(h.connections).toHaveLength(3 + UNANSWERED_BEFORE_GONE);
  });

  it("says joining and retries a refused connect with the same credentials, spread by jitter", async () => {
    const h = harness([{ ok: true, credentials: { ...credentials("a"), connectDelayMs: 1100 } }]);
    await vi.advanceTimersByTimeAsync(0);
    h.connections[0]?.events.lost("signaling closed", "refused");
    expect(h.states).toEqual(["connecting", "joining"]);
    // 0.5 draws 80 % of the 500 ms step.
    await vi.advanceTimersByTimeAsync(399);
    expect(h.connections).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.connections.map((c) => c.clientId)).toEqual(["a", "a"]);
    // Its connect slot is behind it: the retry connects as soon as its jitter is over.
    expect(h.connections.map((c) => c.connectDelayMs)).toEqual([1100, 0]);
    h.connections[1]?.events.lost("signaling closed", "refused");
    await vi.advanceTimersByTimeAsync(800);
    expect(h.connections).toHaveLength(3);
    h.watch.playing();
    expect(h.states).toEqual(["connecting", "joining", "live"]);
    expect(h.join).toHaveBeenCalledTimes(1);
  });

  it("asks the server again once refused connects are used up, without counting the sharer gone", async () => {
    const h = harness([], 8);
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 4; i++) {
      h.connections[i]?.events.lost("signaling closed", "refused");
      await vi.advanceTimersByTimeAsync(5000);
    }
    expect(h.join).toHaveBeenCalledTimes(2);
    expect(h.states).toEqual(["connecting", "joining"]);
  });

  it("does not let a stopped page's pending connect retry run", async () => {
    const h = harness([{ ok: true, credentials: credentials("a") }]);
    await vi.advanceTimersByTimeAsync(0);
    h.connections[0]?.events.lost("signaling closed", "refused");
    h.watch.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.connections).toHaveLength(1);
  });
});
