import { describe, expect, it, vi } from "vitest";
import { dispatchPeerMessage, encodePeerMessage, type PeerMessage, parsePeerMessage } from "./peer-messages";

describe("peer messages", () => {
  it("round-trips every known message", () => {
    const messages: PeerMessage[] = [
      { type: "ended" },
      { type: "paused" },
      { type: "resumed" },
      { type: "source", source: "camera" },
      { type: "audio", muted: true },
      { type: "removed" },
      { type: "waiting" },
      { type: "denied", timedOut: true },
      { type: "link", token: "abc.def" },
    ];
    for (const message of messages) expect(parsePeerMessage(encodePeerMessage(message))).toEqual(message);
  });

  it("ignores unknown types, bad JSON and binary data", () => {
    expect(parsePeerMessage('{"type":"dance"}')).toBeNull();
    expect(parsePeerMessage('{"type":"toString"}')).toBeNull();
    expect(parsePeerMessage("{not json")).toBeNull();
    expect(parsePeerMessage("null")).toBeNull();
    expect(parsePeerMessage(new ArrayBuffer(4))).toBeNull();
  });

  it("refuses known types with malformed fields and drops extra fields", () => {
    expect(parsePeerMessage('{"type":"source","source":"fax"}')).toBeNull();
    expect(parsePeerMessage('{"type":"audio","muted":"yes"}')).toBeNull();
    expect(parsePeerMessage('{"type":"link","token":""}')).toBeNull();
    expect(parsePeerMessage('{"type":"paused","evil":1}')).toEqual({ type: "paused" });
    expect(parsePeerMessage('{"type":"denied"}')).toEqual({ type: "denied", timedOut: false });
  });

  it("calls the handler registered for the message type", () => {
    const ended = vi.fn();
    dispatchPeerMessage({ type: "ended" }, { ended });
    expect(ended).toHaveBeenCalledWith({ type: "ended" });
    expect(() => dispatchPeerMessage({ type: "paused" }, { ended })).not.toThrow();
  });
});
