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
});
