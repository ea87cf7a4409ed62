import { describe, expect, it } from "vitest";
import {
  INITIAL_VIEWER_STATE,
  isTerminal,
  reduceViewerState,
  type ViewerEvent,
  type ViewerState,
} from "./viewer-state";

const run = (events: ViewerEvent[], from: ViewerState = INITIAL_VIEWER_STATE) =>
  events.reduce(reduceViewerState, from);

describe("viewer state", () => {
  it("starts connecting and goes live when media plays", () => {
    expect(INITIAL_VIEWER_STATE).toEqual({ name: "connecting" });
    expect(run([{ type: "playing" }])).toEqual({ name: "live" });
  });

  it("goes reconnecting when a live connection is lost, and live again when media returns", () => {
    expect(run([{ type: "playing" }, { type: "lost" }])).toEqual({ name: "reconnecting" });
    expect(run([{ type: "playing" }, { type: "lost" }, { type: "playing" }])).toEqual({ name: "live" });
  });

  it("keeps connecting when the first attempt is lost before media", () => {
    expect(run([{ type: "lost" }])).toEqual({ name: "connecting" });
  });

  it("says joining while a throttled connect is retried, and goes live when media plays", () => {
    expect(run([{ type: "throttled" }])).toEqual({ name: "joining" });
    expect(run([{ type: "throttled" }, { type: "lost" }, { type: "throttled" }])).toEqual({
      name: "joining",
    });
    expect(run([{ type: "throttled" }, { type: "playing" }])).toEqual({ name: "live" });
    expect(run([{ type: "throttled" }, { type: "peer-waiting" }])).toEqual({ name: "waiting" });
  });

  it("stays reconnecting when a reconnect is throttled: no error, no new wording", () => {
    expect(run([{ type: "playing" }, { type: "lost" }, { type: "throttled" }])).toEqual({
      name: "reconnecting",
    });
  });

  it("maps terminal join failures to their states", () => {
    expect(run([{ type: "refused", failure: "session_ended" }])).toEqual({ name: "ended" });
    expect(run([{ type: "refused", failure: "session_full" }])).toEqual({ name: "full" });
    expect(run([{ type: "refused", failure: "token_expired" }])).toEqual({ name: "expired" });
    expect(run([{ type: "refused", failure: "invalid_token" }])).toEqual({ name: "invalid" });
    expect(run([{ type: "refused", failure: "forbidden" }])).toEqual({ name: "invalid" });
    expect(run([{ type: "refused", failure: "not_found" }])).toEqual({ name: "invalid" });
    expect(run([{ type: "refused", failure: "unsupported" }])).toEqual({
      name: "error",
      failure: "unsupported",
    });
  });

  it("reads an unknown session after having watched it as ended", () => {
    const events: ViewerEvent[] = [{ type: "playing" }, { type: "lost" }];
    expect(run([...events, { type: "refused", failure: "not_found" }])).toEqual({ name: "ended" });
  });

  it("keeps retrying on transient failures", () => {
    expect(run([{ type: "refused", failure: "rate_limited" }])).toEqual({ name: "connecting" });
    expect(run([{ type: "playing" }, { type: "refused", failure: "network" }])).toEqual({
      name: "reconnecting",
    });
  });

  it("ends when the sharer says so, from any live state", () => {
    expect(run([{ type: "peer-ended" }])).toEqual({ name: "ended" });
    expect(run([{ type: "playing" }, { type: "peer-ended" }])).toEqual({ name: "ended" });
  });

  it("fails with the last reason when retries are used up", () => {
    expect(
      run([{ type: "playing" }, { type: "lost" }, { type: "gave-up", failure: "peer_unreachable" }]),
    ).toEqual({ name: "error", failure: "peer_unreachable" });
  });

  it("stays in a terminal state whatever happens next", () => {
    const ended = run([{ type: "peer-ended" }]);
    expect(isTerminal(ended)).toBe(true);
    expect(run([{ type: "playing" }, { type: "lost" }, { type: "gave-up", failure: "network" }], ended)).toBe(
      ended,
    );
    expect(isTerminal({ name: "reconnecting" })).toBe(false);
  });

  it("pauses and resumes on the sharer's word, ignoring a stray playing event meanwhile", () => {
    const paused = run([{ type: "playing" }, { type: "peer-paused" }]);
    expect(paused).toEqual({ name: "paused" });
    expect(run([{ type: "playing" }], paused)).toBe(paused);
    expect(run([{ type: "peer-resumed" }], paused)).toEqual({ name: "live" });
    expect(run([{ type: "peer-resumed" }])).toEqual({ name: "connecting" });
    expect(run([{ type: "lost" }], paused)).toEqual({ name: "reconnecting" });
  });

  it("waits to be let in, then plays; a lost wait goes back to connecting", () => {
    const waiting = run([{ type: "peer-waiting" }]);
    expect(waiting).toEqual({ name: "waiting" });
    expect(run([{ type: "playing" }], waiting)).toEqual({ name: "live" });
    expect(run([{ type: "peer-paused" }], waiting)).toEqual({ name: "paused" });
    expect(run([{ type: "lost" }], waiting)).toEqual({ name: "connecting" });
  });

  it("ends for good when removed, denied or the link was replaced", () => {
    expect(run([{ type: "playing" }, { type: "peer-removed" }])).toEqual({ name: "removed" });
    expect(run([{ type: "peer-waiting" }, { type: "peer-denied", timedOut: true }])).toEqual({
      name: "denied",
      timedOut: true,
    });
    expect(run([{ type: "refused", failure: "link_replaced" }])).toEqual({ name: "replaced" });
    expect(run([{ type: "refused", failure: "viewer_removed" }])).toEqual({ name: "removed" });
    for (const name of ["removed", "replaced"] as const) expect(isTerminal({ name })).toBe(true);
    expect(isTerminal({ name: "denied", timedOut: false })).toBe(true);
    expect(isTerminal({ name: "paused" })).toBe(false);
  });
});
