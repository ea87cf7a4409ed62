import { afterEach, describe, expect, it, vi } from "vitest";
import { backoff } from "../protocol/reconnect.ts";
import type { SignalingChannel, SignalingHandlers } from "./signaling-channel.ts";
import { keepSignalingOpen, type SignalingState } from "./signaling-keeper.ts";

/** A channel whose socket events the test fires by hand. */
function fakeChannels() {
  const made: { handlers: SignalingHandlers; opened: number; closed: number; channel?: SignalingChannel }[] =
    [];
  const create = (handlers: SignalingHandlers): SignalingChannel => {
    const record: (typeof made)[number] = { handlers, opened: 0, closed: 0 };
    made.push(record);
    record.channel = {
      open: () => void record.opened++,
      close: () => {
        record.closed++;
        handlers.close?.();
      },
      sendOffer: () => {},
      sendAnswer: () => {},
      sendCandidate: () => {},
      forget: () => {},
    };
    return record.channel;
  };
  return { made, create };
}

function setup(options: { policy?: ReturnType<typeof backoff>; isFatal?: (e: unknown) => boolean } = {}) {
  vi.useFakeTimers();
  const { made, create } = fakeChannels();
  const states: SignalingState[] = [];
  const gaveUp: unknown[] = [];
  const keeper = keepSignalingOpen({
    create,
    handlers: {},
    policy: options.policy ?? backoff({ baseMs: 100 }),
    onState: (s) => states.push(s),
    onGiveUp: (e) => gaveUp.push(e),
    isFatal: options.isFatal,
  });
  return { keeper, made, states, gaveUp };
}

describe("keepSignalingOpen", () => {
  afterEach(() => vi.useRealTimers());

  it("opens one channel and reports open", () => {
    const { keeper, made, states } = setup();
    expect(made).toHaveLength(1);
    expect(made[0]?.opened).toBe(1);
    made[0]?.handlers.open?.();
    expect(states).toEqual(["open"]);
    expect(keeper.channel).not.toBeNull();
  });

  it("reconnects with a new channel after the socket closes, using the policy's delays", () => {
    const { keeper, made, states } = setup();
    made[0]?.handlers.open?.();
    made[0]?.handlers.close?.();
    expect(states).toEqual(["open", "reconnecting"]);
    expect(keeper.channel).toBeNull();
    vi.advanceTimersByTime(0);
    expect(made).toHaveLength(2);
    made[1]?.handlers.error?.(new Error("signer failed"));
    vi.advanceTimersByTime(99);
    expect(made).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(made).toHaveLength(3);
    made[2]?.handlers.open?.();
    expect(states).toEqual(["open", "reconnecting", "open"]);
  });

  it("resets the attempt count after a successful open", () => {
    const { made } = setup();
    made[0]?.handlers.close?.();
    vi.advanceTimersByTime(0);
    made[1]?.handlers.close?.();
    vi.advanceTimersByTime(100);
    made[2]?.handlers.open?.();
    made[2]?.handlers.close?.();
    vi.advanceTimersByTime(0);
    expect(made).toHaveLength(4);
  });

  it("handles an error followed by a close as one loss", () => {
    const { made } = setup();
    made[0]?.handlers.open?.();
    made[0]?.handlers.error?.(new Error("socket error"));
    made[0]?.handlers.close?.();
    vi.advanceTimersByTime(1000);
    expect(made).toHaveLength(2);
  });

  it("gives up when the policy does and closes", () => {
    const { made, states, gaveUp } = setup({ policy: backoff({ maxAttempts: 1 }) });
    made[0]?.handlers.close?.();
    vi.advanceTimersByTime(0);
    made[1]?.handlers.close?.();
    expect(gaveUp).toHaveLength(1);
    expect(states.at(-1)).toBe("closed");
    vi.advanceTimersByTime(60_000);
    expect(made).toHaveLength(2);
  });

  it("gives up at once on a fatal error", () => {
    const fatal = new Error("session ended");
    const { made, gaveUp } = setup({ isFatal: (e) => e === fatal });
    made[0]?.handlers.error?.(fatal);
    expect(gaveUp).toEqual([fatal]);
    vi.advanceTimersByTime(60_000);
    expect(made).toHaveLength(1);
  });

  it("close() stops retries and ignores the channel's late events", () => {
    const { keeper, made, states, gaveUp } = setup();
    made[0]?.handlers.open?.();
    made[0]?.handlers.close?.();
    keeper.close();
    vi.advanceTimersByTime(60_000);
    expect(made).toHaveLength(1);
    expect(states).toEqual(["open", "reconnecting", "closed"]);
    expect(gaveUp).toHaveLength(0);
  });

  it("GO_AWAY: opens a successor while the old channel keeps serving, then lets the old one go", () => {
    const { keeper, made, states } = setup();
    made[0]?.handlers.open?.();
    made[0]?.handlers.goAway?.();
    expect(made).toHaveLength(2);
    expect(keeper.channel).toBe(made[0]?.channel);
    made[1]?.handlers.open?.();
    expect(keeper.channel).toBe(made[1]?.channel);
    expect(made[0]?.closed).toBe(1);
    expect(states).toEqual(["open"]);
    made[0]?.handlers.goAway?.();
    expect(made).toHaveLength(2);
  });

  it("GO_AWAY: an old channel that closes first is no longer used, and its close starts no retry", () => {
    const { keeper, made } = setup();
    made[0]?.handlers.open?.();
    made[0]?.handlers.goAway?.();
    made[0]?.handlers.close?.();
    expect(keeper.channel).toBeNull();
    vi.advanceTimersByTime(1000);
    expect(made).toHaveLength(2);
    made[1]?.handlers.open?.();
    expect(keeper.channel).toBe(made[1]?.channel);
  });

  it("close() during a GO_AWAY handover closes both channels", () => {
    const { keeper, made } = setup();
    made[0]?.handlers.open?.();
    made[0]?.handlers.goAway?.();
    keeper.close();
    expect(made.map((m) => m.closed)).toEqual([1, 1]);
    expect(keeper.channel).toBeNull();
  });
});
