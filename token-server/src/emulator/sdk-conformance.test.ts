import { createHmac, randomBytes } from "node:crypto";
import { createSocket } from "node:dgram";
import { once } from "node:events";
import {
  CreateSignalingChannelCommand,
  GetSignalingChannelEndpointCommand,
  KinesisVideoClient,
} from "@aws-sdk/client-kinesis-video";
import {
  GetIceServerConfigCommand,
  KinesisVideoSignalingClient,
} from "@aws-sdk/client-kinesis-video-signaling";
import { Role, SignalingClient } from "amazon-kinesis-video-streams-webrtc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { TEST_CREDENTIALS } from "../testing/credentials.ts";
import { type RunningEmulator, startEmulator } from "./index.ts";
import { createChannel, sdkOptions } from "./test-helpers.ts";

let emulator: RunningEmulator;
const originalWebSocket = globalThis.WebSocket;

beforeAll(async () => {
  emulator = await startEmulator({ credentials: TEST_CREDENTIALS, tls: true });
  const ca = emulator.certificatePem;
  // Node 20 has no global WebSocket; the SDK's `new WebSocket(url)` gets `ws` trusting the emulator's certificate.
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

async function endpointsFor(channelArn: string, role: "MASTER" | "VIEWER") {
  const kvs = new KinesisVideoClient(sdkOptions(emulator));
  const { ResourceEndpointList = [] } = await kvs.send(
    new GetSignalingChannelEndpointCommand({
      ChannelARN: channelArn,
      SingleMasterChannelEndpointConfiguration: { Protocols: ["WSS", "HTTPS"], Role: role },
    }),
  );
  return Object.fromEntries(ResourceEndpointList.map((e) => [e.Protocol, e.ResourceEndpoint as string]));
}

function signalingClient(channelARN: string, channelEndpoint: string, role: Role, clientId?: string) {
  return new SignalingClient({
    channelARN,
    channelEndpoint,
    role,
    region: emulator.region,
    credentials: TEST_CREDENTIALS,
    ...(clientId ? { clientId } : {}),
  });
}

describe("official KVS WebRTC SDK against the emulator", () => {
  it("two SignalingClients exchange an offer, an answer and ICE candidates with correct sender ids", async () => {
    const arn = await createChannel(emulator, "sdk-pair");
    const master = signalingClient(arn, (await endpointsFor(arn, "MASTER")).WSS as string, Role.MASTER);
    const viewer = signalingClient(
      arn,
      (await endpointsFor(arn, "VIEWER")).WSS as string,
      Role.VIEWER,
      "viewer-1",
    );
    try {
      master.open();
      await once(master, "open");
      viewer.open();
      await once(viewer, "open");

      const offer = { type: "offer", sdp: "v=0 offer" };
      const viewerCandidate = {
        candidate: "candidate:1 1 udp 1 127.0.0.1 5000 typ host",
        sdpMid: "0",
        sdpMLineIndex: 0,
      };
      const gotOffer = once(master, "sdpOffer");
      const gotViewerCandidate = once(master, "iceCandidate");
      viewer.sendSdpOffer(offer as RTCSessionDescription);
      viewer.sendIceCandidate(viewerCandidate as RTCIceCandidate);
      expect(await gotOffer).toEqual([offer, "viewer-1"]);
      expect(await gotViewerCandidate).toEqual([viewerCandidate, "viewer-1"]);

      const answer = { type: "answer", sdp: "v=0 answer" };
      const masterCandidate = {
        candidate: "candidate:2 1 udp 1 127.0.0.1 6000 typ host",
        sdpMid: "0",
        sdpMLineIndex: 0,
      };
      const gotAnswer = once(viewer, "sdpAnswer");
      const gotMasterCandidate = once(viewer, "iceCandidate");
      master.sendSdpAnswer(answer as RTCSessionDescription, "viewer-1", Date.now().toString());
      master.sendIceCandidate(masterCandidate as RTCIceCandidate, "viewer-1");
      expect(await gotAnswer).toEqual([answer, undefined]);
      expect(await gotMasterCandidate).toEqual([masterCandidate, undefined]);
      expect(emulator.connections(arn)).toEqual({ masters: 1, viewers: 1 });
    } finally {
      master.close();
      viewer.close();
    }
  });

  it("GetIceServerConfig returns the emulator's STUN responder when no TURN server is configured", async () => {
    const arn = await createChannel(emulator, "sdk-ice");
    const signaling = new KinesisVideoSignalingClient(
      sdkOptions(emulator, (await endpointsFor(arn, "VIEWER")).HTTPS),
    );
    const { IceServerList = [] } = await signaling.send(
      new GetIceServerConfigCommand({ ChannelARN: arn, ClientId: "v-1" }),
    );
    const port = new URL(emulator.endpoint).port;
    expect(IceServerList).toEqual([
      {
        Uris: [`stun:127.0.0.1:${port}`],
        Username: expect.stringMatching(/^\d+:v-1$/),
        Password: expect.any(String),
        Ttl: 300,
      },
    ]);
    expect(emulator.calls().byOperation.GetIceServerConfig).toBe(1);
    const unknown = signaling.send(
      new GetIceServerConfigCommand({ ChannelARN: arn.replace("sdk-ice", "sdk-unknown") }),
    );
    await expect(unknown).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      $metadata: { httpStatusCode: 404 },
    });

    const udp = createSocket("udp4");
    const transactionId = randomBytes(12);
    const request = Buffer.concat([Buffer.from([0, 1, 0, 0, 0x21, 0x12, 0xa4, 0x42]), transactionId]);
    udp.send(request, Number(port), "127.0.0.1");
    const [reply] = (await once(udp, "message")) as [Buffer];
    const localPort = udp.address().port;
    udp.close();
    expect(reply.readUInt16BE(0)).toBe(0x0101);
    expect(reply.subarray(8, 20).equals(transactionId)).toBe(true);
    expect(reply.readUInt16BE(26) ^ 0x2112).toBe(localPort);
  });

  it("GetIceServerConfig returns TURN REST credentials for a configured TURN server", async () => {
    const turn = { urls: ["turn:127.0.0.1:3478?transport=udp"], secret: "turn-secret" };
    const now = Date.parse("2026-11-24T12:00:00Z");
    const withTurn = await startEmulator({ credentials: TEST_CREDENTIALS, turn, clock: () => now });
    try {
      const arn = await createChannelWithClock(withTurn, now);
      const signaling = new KinesisVideoSignalingClient({
        ...sdkOptions(withTurn),
        systemClockOffset: now - Date.now(),
      });
      const { IceServerList = [] } = await signaling.send(new GetIceServerConfigCommand({ ChannelARN: arn }));
      const username = `${now / 1000 + 300}:sdk-turn`;
      const password = createHmac("sha1", turn.secret).update(username).digest("base64");
      expect(IceServerList).toEqual([{ Uris: turn.urls, Username: username, Password: password, Ttl: 300 }]);
    } finally {
      await withTurn.close();
    }
  });
});

/** An emulator with a fixed clock needs clients whose signatures carry that time. */
async function createChannelWithClock(target: RunningEmulator, now: number): Promise<string> {
  const kvs = new KinesisVideoClient({ ...sdkOptions(target), systemClockOffset: now - Date.now() });
  const { ChannelARN } = await kvs.send(new CreateSignalingChannelCommand({ ChannelName: "sdk-turn" }));
  return ChannelARN as string;
}
