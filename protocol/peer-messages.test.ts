import { describe, expect, it, vi } from "vitest";
import { dispatchPeerMessage, encodePeerMessage, parsePeerMessage } from "./peer-messages";

describe("peer messages", () => {
  it("round-trips a known message", () => {
    expect(parsePeerMessage(encodePeerMessage({ type: "ended" }))).toEqual({ type: "ended" });
  });

  it("ignores unknown types, bad JSON and binary data", () => {
    expect(parsePeerMessage('{"type":"dance"}')).toBeNull();
    expect(parsePeerMessage("{not json")).toBeNull();
    expect(parsePeerMessage("null")).toBeNull();
    expect(parsePeerMessage(new ArrayBuffer(4))).toBeNull();
  });

  it("calls the handler registered for the message type", () => {
    const ended = vi.fn();
    dispatchPeerMessage({ type: "ended" }, { ended });
    expect(ended).toHaveBeenCalledWith({ type: "ended" });
    expect(() => dispatchPeerMessage({ type: "ended" }, {})).not.toThrow();
  });
});
