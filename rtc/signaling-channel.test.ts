import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type RunningEmulator, startEmulator } from "../token-server/src/emulator/index.ts";
import { createChannel, presign } from "../token-server/src/emulator/test-helpers.ts";
import { TEST_CREDENTIALS } from "../token-server/src/testing/credentials.ts";
import { createSignalingChannel } from "./signaling-channel.ts";

let emulator: RunningEmulator;
const originalWebSocket = globalThis.WebSocket;

beforeAll(async () => {
  // The SDK's signer (used by `presign`) only signs wss:// endpoints.
  emulator = await startEmulator({ credentials: TEST_CREDENTIALS, tls: true });
  const ca = emulator.certificatePem;
  // Node 20 has no global WebSocket; the SDK constructs whatever is there.
  class TrustingWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { ca });
    }
  }
  globalThis.WebSocket = TrustingWebSocket as unknown as typeof globalThis.WebSocket;
});
afterAll(async () => {
  globalThis.WebSocket = originalWebSocket;
  await emulator.close();
});

describe("createSignalingChannel against the emulator", () => {
  it("reports GO_AWAY, which the SDK itself drops, while the socket stays open", async () => {
    const channelArn = await createChannel(emulator, "channel-go-away");
    const events: string[] = [];
    const channel = createSignalingChannel(
      { role: "MASTER", channelArn, region: emulator.region, signedUrl: () => presign(emulator, channelArn) },
      {
        open: () => events.push("open"),
        goAway: () => events.push("goAway"),
        close: () => events.push("close"),
      },
    );
    channel.open();
    await expect.poll(() => events).toEqual(["open"]);
    emulator.goAway(channelArn);
    await expect.poll(() => events).toEqual(["open", "goAway"]);
    expect(emulator.connections(channelArn).masters).toBe(1);
    channel.close();
    await expect.poll(() => events).toEqual(["open", "goAway", "close"]);
  });
});
