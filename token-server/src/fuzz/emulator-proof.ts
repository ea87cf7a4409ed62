/** After a fuzz run: proof that the emulator still serves a whole signaling session. */
import {
  CreateSignalingChannelCommand,
  GetSignalingChannelEndpointCommand,
  KinesisVideoClient,
} from "@aws-sdk/client-kinesis-video";
import WebSocket from "ws";
import type { RunningEmulator } from "../emulator/index.ts";
import { createPresigner } from "../kvs/presign.ts";

export async function signalingSessionWorks(
  emulator: RunningEmulator,
  credentials: { accessKeyId: string; secretAccessKey: string },
): Promise<boolean> {
  const control = new KinesisVideoClient({
    region: emulator.region,
    endpoint: emulator.endpoint,
    credentials,
  });
  try {
    const name = `after-fuzz-${Date.now()}`;
    const { ChannelARN } = await control.send(new CreateSignalingChannelCommand({ ChannelName: name }));
    const arn = ChannelARN as string;
    const endpoint = await control.send(
      new GetSignalingChannelEndpointCommand({
        ChannelARN: arn,
        SingleMasterChannelEndpointConfiguration: { Protocols: ["WSS"], Role: "MASTER" },
      }),
    );
    const wss = endpoint.ResourceEndpointList?.[0]?.ResourceEndpoint as string;
    const presign = createPresigner({
      region: emulator.region,
      credentials: async () => credentials,
      expiresSeconds: 60,
      clock: { now: () => Date.now() },
    });
    const master = await open(await presign(wss, { "X-Amz-ChannelARN": arn }));
    const viewer = await open(
      await presign(wss, { "X-Amz-ChannelARN": arn, "X-Amz-ClientId": "proof-viewer" }),
    );
    const payload = Buffer.from(JSON.stringify({ type: "offer", sdp: "v=0\r\n" })).toString("base64");
    const received = new Promise<Record<string, unknown>>((resolve) =>
      master.once("message", (data) => resolve(JSON.parse(data.toString()))),
    );
    viewer.send(JSON.stringify({ action: "SDP_OFFER", messagePayload: payload }));
    const frame = await received;
    master.close();
    viewer.close();
    return frame.messageType === "SDP_OFFER" && frame.senderClientId === "proof-viewer";
  } finally {
    control.destroy();
  }
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}
