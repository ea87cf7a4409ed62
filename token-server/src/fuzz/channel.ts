import { CreateSignalingChannelCommand, KinesisVideoClient } from "@aws-sdk/client-kinesis-video";
import type { RunningEmulator } from "../emulator/index.ts";
import { TEST_CREDENTIALS } from "../testing/credentials.ts";

/** Creates a signaling channel through the emulator's real control plane. */
export async function createChannelOverHttp(emulator: RunningEmulator, name: string): Promise<string> {
  const control = new KinesisVideoClient({
    region: emulator.region,
    endpoint: emulator.endpoint,
    credentials: TEST_CREDENTIALS,
  });
  try {
    const { ChannelARN } = await control.send(new CreateSignalingChannelCommand({ ChannelName: name }));
    return ChannelARN as string;
  } finally {
    control.destroy();
  }
}
