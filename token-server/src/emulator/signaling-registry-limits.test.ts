import { describe, expect, it } from "vitest";
import { resolveLimits } from "./limits.ts";
import { ARN, Harness, payload, sends } from "./signaling-registry.harness.ts";

describe("connection limits and lifetimes", () => {
  it("lets the newest master win and closes the old socket", () => {
    const h = new Harness();
    h.connect("m1");
    expect(h.connect("m2")).toEqual([expect.objectContaining({ kind: "close", connectionId: "m1" })]);
    h.connect("v", "viewer-1");
    expect(h.send("v", { action: "SDP_OFFER", messagePayload: payload("o") })).toMatchObject([
      { connectionId: "m2" },
    ]);
  });

  it("lets a viewer with the same ClientId take over and rejects viewers beyond the limit", () => {
    const h = new Harness(resolveLimits({ viewersPerChannel: 2, connectsPerSecondPerChannel: 0 }));
    h.connect("v1", "a");
    h.connect("v2", "b");
    expect(h.connect("v3", "c")).toEqual([
      expect.objectContaining({ kind: "reject", errorType: "ClientLimitExceededException" }),
    ]);
    expect(h.connect("v4", "a")).toEqual([expect.objectContaining({ kind: "close", connectionId: "v1" })]);
    expect(h.state.connections.size).toBe(2);
  });

  it("limits connects per second per role", () => {
    const h = new Harness(resolveLimits());
    for (const id of ["a", "b", "c"])
      expect(h.connect(id, id)).not.toContainEqual(expect.objectContaining({ kind: "reject" }));
    expect(h.connect("d", "d")).toEqual([expect.objectContaining({ kind: "reject" })]);
    expect(h.connect("m")).toEqual([]);
    h.now += 1000;
    expect(h.connect("d", "d")).toEqual([]);
  });

  it("limits message rates per connection and action", () => {
    const h = new Harness();
    h.connect("m");
    h.connect("v", "viewer-1");
    const offers = Array.from({ length: 6 }, (_, i) =>
      sends(h.send("v", { action: "SDP_OFFER", messagePayload: payload("o"), correlationId: `o${i}` })),
    );
    expect(offers.slice(0, 5).every((e) => e[0]?.connectionId === "m")).toBe(true);
    expect(offers[5]).toMatchObject([
      { connectionId: "v", frame: { statusResponse: { errorType: "ClientLimitExceededException" } } },
    ]);
    expect(h.send("v", { action: "ICE_CANDIDATE", messagePayload: payload("c") })).toMatchObject([
      { connectionId: "m" },
    ]);
  });

  it("closes idle connections; client frames keep them alive", () => {
    const h = new Harness(resolveLimits({ idleTimeoutMs: 1000 }));
    h.connect("m");
    h.connect("v", "viewer-1");
    h.now += 600;
    h.run({ type: "activity", connectionId: "v", now: h.now });
    h.now += 400;
    expect(h.run({ type: "tick", now: h.now })).toEqual([
      { kind: "close", connectionId: "m", code: 1000, reason: "Idle timeout" },
    ]);
    expect(h.state.connections.has("v")).toBe(true);
  });

  it("sends GO_AWAY before the maximum duration and closes at it", () => {
    const h = new Harness(resolveLimits({ maxConnectionMs: 10_000, goAwayGraceMs: 2_000 }));
    h.connect("m");
    h.now += 7_999;
    expect(h.run({ type: "tick", now: h.now })).toEqual([]);
    h.now += 1;
    expect(h.run({ type: "tick", now: h.now })).toEqual([
      { kind: "send", connectionId: "m", frame: { messageType: "GO_AWAY" } },
    ]);
    h.now += 1_999;
    expect(h.run({ type: "tick", now: h.now })).toEqual([]);
    h.now += 1;
    expect(h.run({ type: "tick", now: h.now })).toMatchObject([
      { kind: "close", connectionId: "m", code: 1001 },
    ]);
  });

  it("closes a deleted channel's sockets and forgets its messages", () => {
    const h = new Harness();
    h.connect("m");
    h.send("m", { action: "SDP_ANSWER", messagePayload: payload("a"), recipientClientId: "later" });
    const effects = h.run({ type: "closeChannel", channelArn: ARN, abrupt: false, forget: true });
    expect(effects).toMatchObject([{ kind: "close", connectionId: "m" }]);
    expect(h.state.pending).toEqual([]);
    expect(h.state.connections.size).toBe(0);
  });

  it("never mutates the previous state", () => {
    const h = new Harness();
    h.connect("m");
    const before = h.state;
    const snapshot = JSON.stringify([...before.connections.values()]);
    h.connect("v", "viewer-1");
    h.send("v", { action: "SDP_OFFER", messagePayload: payload("o") });
    expect(JSON.stringify([...before.connections.values()])).toBe(snapshot);
    expect(before.connections.size).toBe(1);
  });
});
