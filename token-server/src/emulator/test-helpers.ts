import { Agent } from "node:https";
import { CreateSignalingChannelCommand, KinesisVideoClient } from "@aws-sdk/client-kinesis-video";
import { SigV4RequestSigner } from "amazon-kinesis-video-streams-webrtc";
import { expect } from "vitest";
import WebSocket from "ws";
import { TEST_CREDENTIALS } from "../testing/credentials.ts";
import type { RunningEmulator } from "./index.ts";

/** Test-only helpers shared by the emulator's socket tests. */

/** SDK client options that trust the emulator's self-signed certificate. */
export function sdkOptions(emulator: RunningEmulator, endpoint = emulator.endpoint) {
  return {
    region: emulator.region,
    endpoint,
    credentials: TEST_CREDENTIALS,
    ...(emulator.certificatePem
      ? { requestHandler: { httpsAgent: new Agent({ ca: emulator.certificatePem }) } }
      : {}),
  };
}

export async function createChannel(emulator: RunningEmulator, name: string): Promise<string> {
  const kvs = new KinesisVideoClient(sdkOptions(emulator));
  const { ChannelARN } = await kvs.send(new CreateSignalingChannelCommand({ ChannelName: name }));
  return ChannelARN as string;
}

export function presign(emulator: RunningEmulator, channelArn: string, clientId?: string, date?: Date) {
  const signer = new SigV4RequestSigner(emulator.region, TEST_CREDENTIALS);
  const query: Record<string, string> = { "X-Amz-ChannelARN": channelArn };
  if (clientId) query["X-Amz-ClientId"] = clientId;
  return signer.getSignedURL(emulator.wssEndpoint, query, date);
}

/** Opens a socket; resolves with it once open, or with the HTTP status of a refused upgrade. */
export function openSocket(emulator: RunningEmulator, url: string): Promise<WebSocket | number> {
  const ws = new WebSocket(url, emulator.certificatePem ? { ca: emulator.certificatePem } : {});
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.once("error", reject);
  });
}

/** Collects text frames as parsed JSON and reports the close code. */
export function record(ws: WebSocket) {
  const frames: Record<string, unknown>[] = [];
  ws.on("message", (data) => frames.push(JSON.parse(data.toString())));
  const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
  return { frames, closed };
}

/** The AWS error a control-plane call failed with: its name, HTTP status and message. */
export async function errorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => expect.unreachable("the call should fail"),
    (e: unknown) => e as Error & { $metadata: { httpStatusCode: number } },
  );
  return { name: error.name, status: error.$metadata.httpStatusCode, message: error.message };
}
