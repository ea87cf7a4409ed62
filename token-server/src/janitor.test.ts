import { CreateSignalingChannelCommand, KinesisVideoClient, type Tag } from "@aws-sdk/client-kinesis-video";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningEmulator } from "./emulator/index.ts";
import { startEmulator } from "./emulator/index.ts";
import { channelsToCheck, createJanitor, isExpired, startJanitor } from "./janitor.ts";
import { createKvsBackend } from "./kvs/create-backend.ts";
import type { KvsBackend } from "./kvs/port.ts";
import { BEAM_TAG } from "./kvs/tags.ts";
import { createLogger, silentLogger } from "./logger.ts";
import { TEST_CREDENTIALS } from "./testing/credentials.ts";

const NOW = 1_900_000_000;
const clockAt = (seconds: number) => ({ now: () => seconds * 1000 });
const beamTags = (expiresAt: number | string): Tag[] => [
  { Key: BEAM_TAG.creator, Value: "beam" },
  { Key: BEAM_TAG.expiresAt, Value: String(expiresAt) },
];

let emulator: RunningEmulator;
let control: KinesisVideoClient;
const backends: { close(): void }[] = [];

beforeAll(async () => {
  // Throttling off: the pagination case creates hundreds of channels at once.
  emulator = await startEmulator({
    credentials: TEST_CREDENTIALS,
    limits: { controlPlaneTps: 0, controlPlaneTpsPerChannel: 0 },
  });
  control = new KinesisVideoClient({
    region: emulator.region,
    endpoint: emulator.endpoint,
    credentials: TEST_CREDENTIALS,
  });
});
afterAll(async () => {
  for (const backend of backends) backend.close();
  control?.destroy();
  await emulator?.close();
});

async function create(name: string, tags: Tag[] = []): Promise<string> {
  const out = await control.send(
    new CreateSignalingChannelCommand({ ChannelName: name, ...(tags.length ? { Tags: tags } : {}) }),
  );
  return out.ChannelARN as string;
}

/** The KVS port the janitor goes through, as the server builds it. */
function portFor(channelPrefix = "beam-"): KvsBackend {
  const kvs = createKvsBackend({
    mode: "emulator",
    connection: { region: emulator.region, endpoint: emulator.endpoint, credentials: TEST_CREDENTIALS },
    channelPrefix,
    presignExpiresSeconds: 60,
    clock: clockAt(NOW),
  });
  backends.push(kvs);
  return kvs.backend;
}

const janitorAt = (
  seconds: number,
  options: {
    maxDeletesPerRun?: number;
    maxChecksPerRun?: number;
    channelPrefix?: string;
    pageSize?: number;
  } = {},
) =>
  createJanitor({
    kvs: portFor(options.channelPrefix),
    clock: clockAt(seconds),
    logger: silentLogger,
    ...options,
  });

describe("isExpired / channelsToCheck (pure)", () => {
  it("needs Beam's creator tag and a past, well-formed expiry", () => {
    const tags = (expiresAt?: string, creator = "beam") => ({
      [BEAM_TAG.creator]: creator,
      ...(expiresAt === undefined ? {} : { [BEAM_TAG.expiresAt]: expiresAt }),
    });
    expect(isExpired(tags(String(NOW - 1)), NOW)).toBe(true);
    expect(isExpired(tags(String(NOW)), NOW)).toBe(true);
    expect(isExpired(tags(String(NOW + 1)), NOW)).toBe(false);
    expect(isExpired(tags(), NOW)).toBe(false);
    expect(isExpired(tags("soon"), NOW)).toBe(false);
    expect(isExpired(tags("-5"), NOW)).toBe(false);
    expect(isExpired(tags(String(NOW - 1), "someone-else"), NOW)).toBe(false);
    expect(isExpired({}, NOW)).toBe(false);
  });

  it("checks the oldest channels first, skips ones being deleted, and stops at the bound", () => {
    const info = (name: string, createdAt: number, deleting = false) => ({
      name,
      arn: `arn:${name}`,
      createdAt,
      deleting,
    });
    const picked = channelsToCheck([info("c", 3), info("a", 1), info("d", 0, true), info("b", 2)], 2);
    expect(picked.map((c) => c.name)).toEqual(["a", "b"]);
  });
});

describe("janitor against the emulator", () => {
  it("deletes only expired Beam channels, by tags alone, and logs its counts", async () => {
    await create("beam-expired", beamTags(NOW - 10));
    await create("beam-live", beamTags(NOW + 600));
    await create("beam-untagged");
    await create("beam-foreign", [{ Key: BEAM_TAG.expiresAt, Value: String(NOW - 10) }]);
    await create("other-expired", beamTags(NOW - 10));
    const lines: string[] = [];
    const logger = createLogger({ level: "info", write: (line) => lines.push(line) });
    const report = await createJanitor({
      kvs: portFor(),
      clock: clockAt(NOW),
      logger,
    }).run();
    expect(report).toMatchObject({ listed: 4, checked: 4, expired: 1, deleted: 1, gone: 0, failed: 0 });
    expect(emulator.channelNames().sort()).toEqual([
      "beam-foreign",
      "beam-live",
      "beam-untagged",
      "other-expired",
    ]);
    expect(JSON.parse(lines.at(-1) as string)).toMatchObject({ msg: "janitor run", deleted: 1, listed: 4 });

    expect((await janitorAt(NOW + 601).run()).deleted).toBe(1);
    expect(emulator.channelNames()).not.toContain("beam-live");
  });

  it("treats a channel deleted under it as gone and one in use as busy", async () => {
    await create("beam-race", beamTags(NOW - 1));
    const port = portFor();
    // Another instance (or Stop) deletes the channel between the janitor's tag check and its delete.
    const deletesFirst: KvsBackend = {
      ...port,
      deleteChannelArn: async (arn) => {
        await port.deleteChannelArn(arn);
        return port.deleteChannelArn(arn);
      },
    };
    const raced = await createJanitor({ ...base(), kvs: deletesFirst }).run();
    expect(raced).toMatchObject({ expired: 1, deleted: 0, gone: 1, failed: 0 });

    await create("beam-busy", beamTags(NOW - 1));
    emulator.injectFault({ operation: "DeleteSignalingChannel", error: "ResourceInUseException" });
    const busy = await createJanitor(base())
      .run()
      .finally(() => emulator.clearFaults());
    expect(busy).toMatchObject({ expired: 1, deleted: 0, busy: 1, failed: 0 });
    expect(emulator.channelNames()).toContain("beam-busy");
    await janitorAt(NOW).run();
    expect(emulator.channelNames()).not.toContain("beam-busy");
  });

  it("pages through more channels than one List call returns, deleting a bounded number per run", async () => {
    await Promise.all(
      Array.from({ length: 23 }, (_, i) => create(`bulk-${String(i).padStart(2, "0")}`, beamTags(NOW - 5))),
    );
    const first = await janitorAt(NOW, { maxDeletesPerRun: 10, channelPrefix: "bulk-", pageSize: 5 }).run();
    expect(first).toMatchObject({ listed: 23, expired: 10, deleted: 10 });
    const second = await janitorAt(NOW, {
      channelPrefix: "bulk-",
      pageSize: 5,
    }).run();
    expect(second).toMatchObject({ listed: 13, deleted: 13, failed: 0 });
    expect(emulator.channelNames().filter((name) => name.startsWith("bulk-"))).toEqual([]);
  });
});

function base() {
  return { kvs: portFor(), clock: clockAt(NOW), logger: silentLogger };
}

describe("startJanitor", () => {
  it("runs at once and then on its interval, never overlapping, until stopped", async () => {
    vi.useFakeTimers();
    try {
      let runs = 0;
      let release: () => void = () => {};
      const janitor = {
        run: () => {
          runs++;
          return new Promise<void>((resolve) => {
            release = resolve;
          });
        },
      };
      const handle = startJanitor(janitor, 60, silentLogger);
      expect(runs).toBe(1);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(runs).toBe(1); // the first run has not finished
      release();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(runs).toBe(2);
      handle.stop();
      release();
      await vi.advanceTimersByTimeAsync(180_000);
      expect(runs).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
