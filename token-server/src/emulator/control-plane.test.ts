import {
  CreateSignalingChannelCommand,
  DeleteSignalingChannelCommand,
  DescribeMediaStorageConfigurationCommand,
  DescribeSignalingChannelCommand,
  GetSignalingChannelEndpointCommand,
  KinesisVideoClient,
  ListSignalingChannelsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSignalingChannelCommand,
} from "@aws-sdk/client-kinesis-video";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_CREDENTIALS } from "../testing/credentials.ts";
import { type RunningEmulator, startEmulator } from "./index.ts";
import { errorOf } from "./test-helpers.ts";

const credentials = TEST_CREDENTIALS;
let emulator: RunningEmulator;
let kvs: KinesisVideoClient;

const clientFor = (secretAccessKey: string) =>
  new KinesisVideoClient({
    region: "us-west-2",
    endpoint: emulator.endpoint,
    credentials: { ...credentials, secretAccessKey },
  });

beforeAll(async () => {
  emulator = await startEmulator({
    credentials,
    limits: { controlPlaneTps: 0, controlPlaneTpsPerChannel: 0 },
  });
  kvs = clientFor(credentials.secretAccessKey);
});
afterAll(() => emulator.close());

describe("control plane with the official v3 SDK client", () => {
  it("creates, describes, updates and deletes a channel", async () => {
    const before = Date.now() / 1000;
    const { ChannelARN } = await kvs.send(new CreateSignalingChannelCommand({ ChannelName: "cp-life" }));
    expect(ChannelARN).toMatch(/^arn:aws:kinesisvideo:us-west-2:123456789012:channel\/cp-life\/\d{13}$/);
    const { ChannelInfo } = await kvs.send(new DescribeSignalingChannelCommand({ ChannelName: "cp-life" }));
    expect(ChannelInfo).toMatchObject({
      ChannelARN,
      ChannelName: "cp-life",
      ChannelStatus: "ACTIVE",
      ChannelType: "SINGLE_MASTER",
      SingleMasterConfiguration: { MessageTtlSeconds: 60 },
    });
    expect(ChannelInfo?.Version).toMatch(/^[a-zA-Z0-9]{20}$/);
    expect(ChannelInfo?.CreationTime).toBeInstanceOf(Date);
    const created = (ChannelInfo?.CreationTime ?? new Date(Number.NaN)).getTime();
    expect(created / 1000).toBeGreaterThanOrEqual(Math.floor(before));
    expect(ChannelARN?.endsWith(`/${created}`)).toBe(true);

    await kvs.send(
      new UpdateSignalingChannelCommand({
        ChannelARN,
        CurrentVersion: ChannelInfo?.Version,
        SingleMasterConfiguration: { MessageTtlSeconds: 30 },
      }),
    );
    const updated = await kvs.send(new DescribeSignalingChannelCommand({ ChannelARN }));
    expect(updated.ChannelInfo?.SingleMasterConfiguration?.MessageTtlSeconds).toBe(30);
    expect(updated.ChannelInfo?.Version).not.toBe(ChannelInfo?.Version);

    const stale = kvs.send(
      new DeleteSignalingChannelCommand({ ChannelARN, CurrentVersion: ChannelInfo?.Version }),
    );
    expect(await errorOf(stale)).toMatchObject({ name: "VersionMismatchException", status: 400 });
    await kvs.send(
      new DeleteSignalingChannelCommand({ ChannelARN, CurrentVersion: updated.ChannelInfo?.Version }),
    );
    const gone = kvs.send(new DescribeSignalingChannelCommand({ ChannelARN }));
    expect(await errorOf(gone)).toMatchObject({ name: "ResourceNotFoundException", status: 404 });
  });

  it("returns one endpoint per requested protocol and rejects WEBRTC without media storage", async () => {
    const { ChannelARN } = await kvs.send(new CreateSignalingChannelCommand({ ChannelName: "cp-endpoints" }));
    for (const Role of ["MASTER", "VIEWER"] as const) {
      const { ResourceEndpointList } = await kvs.send(
        new GetSignalingChannelEndpointCommand({
          ChannelARN,
          SingleMasterChannelEndpointConfiguration: { Protocols: ["WSS", "HTTPS"], Role },
        }),
      );
      expect(ResourceEndpointList).toEqual([
        { Protocol: "WSS", ResourceEndpoint: emulator.wssEndpoint },
        { Protocol: "HTTPS", ResourceEndpoint: emulator.endpoint },
      ]);
    }
    expect(emulator.wssEndpoint).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    const webrtc = kvs.send(
      new GetSignalingChannelEndpointCommand({
        ChannelARN,
        SingleMasterChannelEndpointConfiguration: { Protocols: ["WEBRTC"], Role: "MASTER" },
      }),
    );
    expect(await errorOf(webrtc)).toMatchObject({ name: "InvalidArgumentException", status: 400 });
    const storage = await kvs.send(new DescribeMediaStorageConfigurationCommand({ ChannelARN }));
    expect(storage.MediaStorageConfiguration?.Status).toBe("DISABLED");
  });

  it("lists channels by BEGINS_WITH across pages", async () => {
    for (const name of ["ls-c", "ls-a", "ls-b", "other-ls"]) {
      await kvs.send(new CreateSignalingChannelCommand({ ChannelName: name }));
    }
    const condition = { ComparisonOperator: "BEGINS_WITH" as const, ComparisonValue: "ls-" };
    const first = await kvs.send(
      new ListSignalingChannelsCommand({ ChannelNameCondition: condition, MaxResults: 2 }),
    );
    expect(first.ChannelInfoList?.map((c) => c.ChannelName)).toEqual(["ls-a", "ls-b"]);
    expect(first.NextToken).toBeTruthy();
    const second = await kvs.send(
      new ListSignalingChannelsCommand({
        ChannelNameCondition: condition,
        MaxResults: 2,
        NextToken: first.NextToken,
      }),
    );
    expect(second.ChannelInfoList?.map((c) => c.ChannelName)).toEqual(["ls-c"]);
    expect(second.NextToken).toBeUndefined();
    expect(emulator.channelNames()).toEqual(expect.arrayContaining(["ls-a", "ls-b", "ls-c", "other-ls"]));
  });

  it("tags, lists and untags a channel", async () => {
    const { ChannelARN: ResourceARN } = await kvs.send(
      new CreateSignalingChannelCommand({
        ChannelName: "cp-tags",
        Tags: [{ Key: "creator", Value: "beam" }],
      }),
    );
    await kvs.send(
      new TagResourceCommand({ ResourceARN, Tags: [{ Key: "expires", Value: "2026-12-01T00:00:00Z" }] }),
    );
    const tagged = await kvs.send(new ListTagsForResourceCommand({ ResourceARN }));
    expect(tagged.Tags).toEqual({ creator: "beam", expires: "2026-12-01T00:00:00Z" });
    await kvs.send(new UntagResourceCommand({ ResourceARN, TagKeyList: ["creator"] }));
    expect((await kvs.send(new ListTagsForResourceCommand({ ResourceARN }))).Tags).toEqual({
      expires: "2026-12-01T00:00:00Z",
    });
    const tooMany = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    const overLimit = kvs.send(new TagResourceCommand({ ResourceARN, Tags: tooMany }));
    expect(await errorOf(overLimit)).toMatchObject({
      name: "TagsPerResourceExceededLimitException",
      status: 400,
    });
  });

  it("answers with the real error types", async () => {
    await kvs.send(new CreateSignalingChannelCommand({ ChannelName: "cp-dup" }));
    const duplicate = kvs.send(new CreateSignalingChannelCommand({ ChannelName: "cp-dup" }));
    expect(await errorOf(duplicate)).toMatchObject({ name: "ResourceInUseException", status: 400 });
    const badName = await errorOf(kvs.send(new CreateSignalingChannelCommand({ ChannelName: "no spaces!" })));
    expect(badName).toMatchObject({ name: "InvalidArgumentException", status: 400 });
    expect(badName.message).toContain("'channelName' failed to satisfy constraint");
    const badTtl = kvs.send(
      new CreateSignalingChannelCommand({
        ChannelName: "cp-ttl",
        SingleMasterConfiguration: { MessageTtlSeconds: 4 },
      }),
    );
    expect(await errorOf(badTtl)).toMatchObject({ name: "InvalidArgumentException" });
    const badMax = kvs.send(new ListSignalingChannelsCommand({ MaxResults: 0 }));
    expect(await errorOf(badMax)).toMatchObject({ name: "InvalidArgumentException" });
    const badToken = kvs.send(new ListSignalingChannelsCommand({ NextToken: "!!" }));
    expect(await errorOf(badToken)).toMatchObject({ name: "InvalidArgumentException" });
    const neither = kvs.send(new DescribeSignalingChannelCommand({}));
    expect(await errorOf(neither)).toMatchObject({ name: "InvalidArgumentException" });
    const unknownArn = kvs.send(
      new DescribeSignalingChannelCommand({
        ChannelARN: "arn:aws:kinesisvideo:us-west-2:123456789012:channel/nope/1",
      }),
    );
    expect(await errorOf(unknownArn)).toMatchObject({
      name: "ResourceNotFoundException",
      status: 404,
      message: "The requested channel is not found or not active.",
    });
  });

  it("rejects a wrong secret and counts every call", async () => {
    emulator.resetCalls();
    const wrong = clientFor("not-the-secret").send(new ListSignalingChannelsCommand({}));
    expect(await errorOf(wrong)).toMatchObject({ name: "InvalidSignatureException", status: 403 });
    const strangerKey = new KinesisVideoClient({
      region: "us-west-2",
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: "AKIDSTRANGER", secretAccessKey: "x" },
    });
    expect(await errorOf(strangerKey.send(new ListSignalingChannelsCommand({})))).toMatchObject({
      name: "UnrecognizedClientException",
      status: 403,
    });
    const otherRegion = new KinesisVideoClient({
      region: "eu-west-1",
      endpoint: emulator.endpoint,
      credentials,
    });
    expect(await errorOf(otherRegion.send(new ListSignalingChannelsCommand({})))).toMatchObject({
      name: "InvalidSignatureException",
    });
    expect(emulator.calls()).toEqual({ total: 3, byOperation: { ListSignalingChannels: 3 } });
  });
});
