import { connect } from "node:net";
import { DeleteSignalingChannelCommand, KinesisVideoClient } from "@aws-sdk/client-kinesis-video";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import { TEST_CREDENTIALS } from "../testing/credentials.ts";
import { type RunningEmulator, startEmulator } from "./index.ts";
import { createChannel, openSocket, presign, record, sdkOptions } from "./test-helpers.ts";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    credentials: TEST_CREDENTIALS,
    tls: true,
    limits: { viewersPerChannel: 2 },
  });
});
afterAll(() => emulator.close());

const asSocket = (value: WebSocket | number): WebSocket => {
  if (typeof value === "number") throw new Error(`upgrade refused with ${value}`);
  return value;
};

describe("signaling WebSocket over wss:// with SigV4RequestSigner URLs", () => {
  it("accepts a presigned URL and rejects a tampered or expired one with 403", async () => {
    const arn = await createChannel(emulator, "ws-auth");
    expect(emulator.wssEndpoint).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);
    const url = await presign(emulator, arn);
    const ws = asSocket(await openSocket(emulator, url));
    expect(emulator.connections(arn)).toEqual({ masters: 1, viewers: 0 });
    ws.close();

    const tampered = url.replace(
      /X-Amz-Signature=([0-9a-f])/,
      (_m, c) => `X-Amz-Signature=${c === "0" ? "1" : "0"}`,
    );
    expect(await openSocket(emulator, tampered)).toBe(403);
    const otherChannel = url.replace("ws-auth", "ws-other");
    expect(await openSocket(emulator, otherChannel)).toBe(403);
    const expired = await presign(emulator, arn, undefined, new Date(Date.now() - 300_000));
    expect(await openSocket(emulator, expired)).toBe(403);
  });

  it("refuses unknown channels (404), bad client ids (400) and viewers over the limit (403)", async () => {
    const arn = await createChannel(emulator, "ws-limits");
    const unknown = await presign(emulator, arn.replace("ws-limits", "ws-unknown"));
    expect(await openSocket(emulator, unknown)).toBe(404);
    expect(await openSocket(emulator, await presign(emulator, arn, "AWS_reserved"))).toBe(400);
    const a = asSocket(await openSocket(emulator, await presign(emulator, arn, "a")));
    const b = asSocket(await openSocket(emulator, await presign(emulator, arn, "b")));
    expect(await openSocket(emulator, await presign(emulator, arn, "c"))).toBe(403);
    const aAgain = record(a);
    const a2 = asSocket(await openSocket(emulator, await presign(emulator, arn, "a")));
    expect(await aAgain.closed).toBe(1000);
    expect(emulator.connections(arn)).toEqual({ masters: 0, viewers: 2 });
    for (const ws of [b, a2]) ws.close();
  });

  it("closes a deleted channel's sockets and supports drop and GO_AWAY hooks", async () => {
    const arn = await createChannel(emulator, "ws-hooks");
    expect(emulator.masterConnectedAt(arn)).toBeUndefined();
    const master = record(asSocket(await openSocket(emulator, await presign(emulator, arn))));
    expect(emulator.masterConnectedAt(arn)).toBeGreaterThan(0);
    const viewerSocket = asSocket(await openSocket(emulator, await presign(emulator, arn, "v")));
    const viewer = record(viewerSocket);
    emulator.dropConnections(arn, "VIEWER");
    expect(await viewer.closed).toBe(1006);
    emulator.goAway(arn);
    await expect.poll(() => master.frames).toEqual([{ messageType: "GO_AWAY" }]);
    const kvs = new KinesisVideoClient(sdkOptions(emulator));
    await kvs.send(new DeleteSignalingChannelCommand({ ChannelARN: arn }));
    expect(await master.closed).toBe(1000);
    expect(emulator.connections(arn)).toEqual({ masters: 0, viewers: 0 });
  });

  it("delivers a viewer's early offer when the master connects, and reports oversized payloads", async () => {
    const arn = await createChannel(emulator, "ws-early");
    const viewerSocket = asSocket(await openSocket(emulator, await presign(emulator, arn, "early")));
    const viewer = record(viewerSocket);
    const offer = Buffer.from('{"type":"offer","sdp":"v=0"}').toString("base64");
    viewerSocket.send(JSON.stringify({ action: "SDP_OFFER", messagePayload: offer }));
    viewerSocket.send(
      JSON.stringify({ action: "SDP_OFFER", messagePayload: "A".repeat(10_004), correlationId: "big" }),
    );
    await expect
      .poll(() => viewer.frames)
      .toEqual([
        {
          messageType: "STATUS_RESPONSE",
          statusResponse: expect.objectContaining({
            correlationId: "big",
            errorType: "InvalidArgumentException",
            statusCode: "400",
          }),
        },
      ]);
    const masterSocket = asSocket(await openSocket(emulator, await presign(emulator, arn)));
    const master = record(masterSocket);
    await expect
      .poll(() => master.frames)
      .toEqual([{ messageType: "SDP_OFFER", messagePayload: offer, senderClientId: "early" }]);
    for (const ws of [viewerSocket, masterSocket]) ws.close();
  });

  it("closes idle sockets on its own timer", async () => {
    const idle = await startEmulator({ credentials: TEST_CREDENTIALS, limits: { idleTimeoutMs: 150 } });
    try {
      const arn = await createChannel(idle, "ws-idle");
      const master = record(asSocket(await openSocket(idle, await ownPresign(idle, arn))));
      expect(await master.closed).toBe(1000);
      expect(idle.connections(arn)).toEqual({ masters: 0, viewers: 0 });
    } finally {
      await idle.close();
    }
  });

  it("times out a trickled HTTP request, while a signaling socket outlives the timeout", async () => {
    const own = await startEmulator({ credentials: TEST_CREDENTIALS, requestTimeoutMs: 300 });
    try {
      const arn = await createChannel(own, "ws-timeout");
      const master = record(asSocket(await openSocket(own, await ownPresign(own, arn))));
      const slow = connect(Number(new URL(own.endpoint).port), "127.0.0.1");
      slow.write("POST /describeSignalingChannel HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
      let reply = "";
      slow.on("data", (chunk) => {
        reply += chunk;
      });
      await new Promise((resolve) => slow.once("close", resolve));
      expect(reply).toMatch(/^HTTP\/1\.1 408/);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(own.connections(arn)).toEqual({ masters: 1, viewers: 0 });
      expect(master.frames).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it("sends GO_AWAY to every socket on close()", async () => {
    const own = await startEmulator({ credentials: TEST_CREDENTIALS });
    const arn = await createChannel(own, "ws-close");
    const master = record(asSocket(await openSocket(own, await ownPresign(own, arn))));
    await own.close();
    expect(await master.closed).toBe(1001);
    expect(master.frames).toEqual([{ messageType: "GO_AWAY" }]);
  });
});

/** SigV4RequestSigner insists on wss://, so sign the ws:// endpoint under a wss:// name and swap back. */
async function ownPresign(own: RunningEmulator, arn: string): Promise<string> {
  const tlsName = { ...own, wssEndpoint: own.wssEndpoint.replace("ws://", "wss://") };
  return (await presign(tlsName, arn)).replace("wss://", "ws://");
}
