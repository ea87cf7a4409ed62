/** The emulator's control-plane state survives a restart when it has a state file. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DeleteSignalingChannelCommand,
  DescribeSignalingChannelCommand,
  KinesisVideoClient,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UpdateSignalingChannelCommand,
} from "@aws-sdk/client-kinesis-video";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_CREDENTIALS } from "../testing/credentials.ts";
import { type RunningEmulator, startEmulator, stateFileIn } from "./index.ts";
import { createChannel, sdkOptions } from "./test-helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "beam-emulator-state-"));
const stateFile = stateFileIn(join(dir, "data"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withEmulator<T>(run: (emulator: RunningEmulator, kvs: KinesisVideoClient) => Promise<T>) {
  const emulator = await startEmulator({ credentials: TEST_CREDENTIALS, stateFile });
  const kvs = new KinesisVideoClient(sdkOptions(emulator));
  try {
    return await run(emulator, kvs);
  } finally {
    kvs.destroy();
    await emulator.close();
  }
}

const describeChannel = (kvs: KinesisVideoClient, name: string) =>
  kvs.send(new DescribeSignalingChannelCommand({ ChannelName: name })).then((out) => out.ChannelInfo);

describe("emulator state file", () => {
  it("keeps channels, tags and versions across a restart, and forgets deleted channels", async () => {
    const before = await withEmulator(async (emulator, kvs) => {
      expect(emulator.restored).toEqual({ channels: 0 });
      const arn = await createChannel(emulator, "beam-kept");
      await createChannel(emulator, "beam-deleted");
      await kvs.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: "beam:link", Value: "L2" }] }));
      const { Version } = (await describeChannel(kvs, "beam-kept")) ?? {};
      await kvs.send(
        new UpdateSignalingChannelCommand({
          ChannelARN: arn,
          CurrentVersion: Version,
          SingleMasterConfiguration: { MessageTtlSeconds: 30 },
        }),
      );
      const deleted = await describeChannel(kvs, "beam-deleted");
      await kvs.send(new DeleteSignalingChannelCommand({ ChannelARN: deleted?.ChannelARN }));
      return describeChannel(kvs, "beam-kept");
    });

    await withEmulator(async (emulator, kvs) => {
      expect(emulator.restored).toEqual({ channels: 1 });
      expect(emulator.channelNames()).toEqual(["beam-kept"]);
      const after = await describeChannel(kvs, "beam-kept");
      expect(after).toEqual(before);
      expect(after?.SingleMasterConfiguration?.MessageTtlSeconds).toBe(30);
      const tags = await kvs.send(new ListTagsForResourceCommand({ ResourceARN: after?.ChannelARN }));
      expect(tags.Tags).toEqual({ "beam:link": "L2" });
    });
  });
});
