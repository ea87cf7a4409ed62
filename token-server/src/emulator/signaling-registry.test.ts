import { describe, expect, it } from "vitest";
import { resolveLimits } from "./limits.ts";
import {
  type Effect,
  emptyRegistry,
  type RegistryEvent,
  type RegistryState,
  reduce,
} from "./signaling-registry.ts";

const ARN = "arn:aws:kinesisvideo:us-west-2:123456789012:channel/room/1700000000000";
const limits = resolveLimits({ connectsPerSecondPerChannel: 0 });
const payload = (text: string) =>
  Buffer.from(JSON.stringify({ type: "offer", sdp: text })).toString("base64");

/** Drives the reducer like the adapter does and keeps the effects of each step. */
class Harness {
  state: RegistryState = emptyRegistry();
  now = 1_000_000;

  constructor(private readonly lim = limits) {}

  run(event: RegistryEvent): Effect[] {
    const { state, effects } = reduce(this.state, event, this.lim);
    this.state = state;
    return effects;
  }
  connect(id: string, clientId?: string): Effect[] {
    return this.run({
      type: "connect",
      connectionId: id,
      channelArn: ARN,
      now: this.now,
      ...(clientId ? { clientId } : {}),
    });
  }
  send(id: string, message: object, ttlSeconds = 60): Effect[] {
    return this.run({
      type: "message",
      connectionId: id,
      text: JSON.stringify(message),
      ttlSeconds,
      now: this.now,
    });
  }
}

const sends = (effects: Effect[]) => effects.filter((e) => e.kind === "send");

describe("signaling registry routing", () => {
  it("relays viewer → master with senderClientId, ignoring recipientClientId", () => {
    const h = new Harness();
    h.connect("m");
    h.connect("v", "viewer-1");
    const effects = h.send("v", {
      action: "SDP_OFFER",
      messagePayload: payload("o"),
      recipientClientId: "someone",
    });
    expect(effects).toEqual([
      {
        kind: "send",
        connectionId: "m",
        frame: { messageType: "SDP_OFFER", messagePayload: payload("o"), senderClientId: "viewer-1" },
      },
    ]);
  });

  it("relays master → viewer by recipientClientId without senderClientId, accepting capitalised keys", () => {
    const h = new Harness();
    h.connect("m");
    h.connect("v1", "viewer-1");
    h.connect("v2", "viewer-2");
    const effects = h.send("m", {
      Action: "SDP_ANSWER",
      MessagePayload: payload("a"),
      RecipientClientId: "viewer-2",
    });
    expect(effects).toEqual([
      {
        kind: "send",
        connectionId: "v2",
        frame: { messageType: "SDP_ANSWER", messagePayload: payload("a") },
      },
    ]);
  });

  it("answers failures with STATUS_RESPONSE only when a correlationId is present", () => {
    const h = new Harness();
    h.connect("m");
    expect(h.send("m", { action: "SDP_ANSWER", messagePayload: payload("a") })).toEqual([]);
    expect(h.send("m", { action: "SDP_ANSWER", messagePayload: payload("a"), correlationId: "c-1" })).toEqual(
      [
        {
          kind: "send",
          connectionId: "m",
          frame: {
            messageType: "STATUS_RESPONSE",
            statusResponse: expect.objectContaining({
              correlationId: "c-1",
              errorType: "InvalidArgumentException",
              statusCode: "400",
            }),
          },
        },
      ],
    );
    expect(h.send("m", { action: "NOPE", messagePayload: payload("a"), correlationId: "c-2" })).toHaveLength(
      1,
    );
    expect(
      h.run({ type: "message", connectionId: "m", text: "not json", ttlSeconds: 60, now: h.now }),
    ).toEqual([]);
  });

  it("drops payloads over the 10K limit, with STATUS_RESPONSE when correlated", () => {
    const h = new Harness();
    h.connect("m");
    h.connect("v", "viewer-1");
    const big = "A".repeat(10_001);
    expect(h.send("v", { action: "SDP_OFFER", messagePayload: big })).toEqual([]);
    const correlated = h.send("v", { action: "SDP_OFFER", messagePayload: big, correlationId: "big" });
    expect(correlated).toMatchObject([{ connectionId: "v", frame: { messageType: "STATUS_RESPONSE" } }]);
    expect(sends(h.send("v", { action: "SDP_OFFER", messagePayload: "A".repeat(10_000) }))).toHaveLength(1);
  });
});

describe("undelivered messages", () => {
  it("keeps them for the TTL and delivers them in order when the recipient connects", () => {
    const h = new Harness();
    h.connect("v", "viewer-1");
    expect(h.send("v", { action: "SDP_OFFER", messagePayload: payload("o1") }, 10)).toEqual([]);
    h.send("v", { action: "ICE_CANDIDATE", messagePayload: payload("c1") }, 10);
    h.send("v", { action: "SDP_OFFER", messagePayload: payload("o2") }, 10);
    h.send("v", { action: "ICE_CANDIDATE", messagePayload: payload("c2") }, 10);
    h.now += 9_000;
    const delivered = sends(h.connect("m")).map((e) =>
      e.kind === "send" && "messagePayload" in e.frame ? e.frame.messagePayload : "",
    );
    // The newer offer overwrote the first one; candidates accumulate.
    expect(delivered).toEqual([payload("c1"), payload("o2"), payload("c2")]);
    expect(h.state.pending).toHaveLength(0);
  });

  it("expires them after MessageTtlSeconds", () => {
    const h = new Harness();
    h.connect("m");
    h.send("m", { action: "SDP_ANSWER", messagePayload: payload("late"), recipientClientId: "viewer-9" }, 5);
    h.now += 5_000;
    h.run({ type: "tick", now: h.now });
    expect(h.state.pending).toHaveLength(0);
    expect(sends(h.connect("v", "viewer-9"))).toEqual([]);
  });
});

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
