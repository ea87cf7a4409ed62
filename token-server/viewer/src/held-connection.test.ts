import { describe, expect, it, vi } from "vitest";
import type { ViewerConnectionHandlers } from "../../../rtc/viewer";
import { holdConnection } from "./held-connection";

function handlers() {
  return {
    peer: vi.fn(),
    stream: vi.fn(),
    lost: vi.fn(),
    phase: vi.fn(),
    messages: { paused: vi.fn(), link: vi.fn() },
  } satisfies ViewerConnectionHandlers;
}

describe("held connection", () => {
  it("keeps what the attempt reported before the bundle listened and replays it in order, with its times", async () => {
    const order: string[] = [];
    const close = vi.fn();
    const held = holdConnection((early) => {
      early.phase?.("signaling", 120);
      early.messages.paused?.({ type: "paused" });
      early.lost("signaling closed", "refused");
      return { close };
    });
    const h = handlers();
    h.phase.mockImplementation(() => order.push("phase"));
    h.messages.paused.mockImplementation(() => order.push("paused"));
    h.lost.mockImplementation(() => order.push("lost"));

    held.attach(h);
    // Not inside attach: the caller first keeps the connection it was handed.
    expect(order).toEqual([]);
    await Promise.resolve();
    expect(order).toEqual(["phase", "paused", "lost"]);
    expect(h.phase).toHaveBeenCalledWith("signaling", 120);
    expect(h.lost).toHaveBeenCalledWith("signaling closed", "refused");
    expect(held.connection.close).toBe(close);
  });

  it("forwards straight through once attached, every message type included", async () => {
    let early: ViewerConnectionHandlers | undefined;
    const held = holdConnection((h) => {
      early = h;
      return { close: () => {} };
    });
    const h = handlers();
    held.attach(h);
    await Promise.resolve();
    const stream = {} as MediaStream;
    early?.stream(stream);
    early?.messages.link?.({ type: "link", token: "new-token" });
    expect(h.stream).toHaveBeenCalledWith(stream);
    expect(h.messages.link).toHaveBeenCalledWith({ type: "link", token: "new-token" });
  });
});
