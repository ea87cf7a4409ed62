import { describe, expect, it } from "vitest";
import { Harness, payload, sends } from "./signaling-registry.harness.ts";

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
