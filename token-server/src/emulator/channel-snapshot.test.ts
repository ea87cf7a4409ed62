import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fromSnapshot, restoreSnapshot, toSnapshot, writeAtomically } from "./channel-snapshot.ts";
import { type ChannelRecord, ChannelStore } from "./channel-store.ts";

const PREFIX = "arn:aws:kinesisvideo:us-west-2:123456789012:";
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "beam-snapshot-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const channel = (name: string, tags: Record<string, string> = {}): ChannelRecord => ({
  name,
  arn: `${PREFIX}channel/${name}/1700000000000`,
  type: "SINGLE_MASTER",
  creationTimeMs: 1_700_000_000_000,
  messageTtlSeconds: 60,
  version: "AbCdEfGhIjKlMnOpQrSt",
  tags: new Map(Object.entries(tags)),
});

describe("channel snapshots", () => {
  it("round-trips channels with their tags and versions", () => {
    const channels = [
      channel("beam-a", { "beam:link": "L1", "beam:removed:viewer-x": "1" }),
      channel("beam-b"),
    ];
    expect(fromSnapshot(toSnapshot(channels))).toEqual(channels);
    expect(() => fromSnapshot('{"format":1,"channels":[{"name":"x"}]}')).toThrow();
  });

  it("replaces the file atomically: owner-only, no temporary file left behind", () => {
    const dir = tempDir();
    const file = join(dir, "emulator-channels.json");
    writeAtomically(file, "one");
    writeAtomically(file, "two");
    expect(readFileSync(file, "utf8")).toBe("two");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["emulator-channels.json"]);
  });

  it("restores into a store, skips another account's channels, and sets an unreadable file aside", () => {
    const dir = tempDir();
    const file = join(dir, "emulator-channels.json");
    const foreign = {
      ...channel("beam-c"),
      arn: "arn:aws:kinesisvideo:eu-west-1:999999999999:channel/beam-c/1",
    };
    writeAtomically(file, toSnapshot([channel("beam-a"), foreign]));
    const store = new ChannelStore(PREFIX, Date.now, 10);
    expect(restoreSnapshot(store, file)).toEqual({ channels: 1 });
    expect(store.names()).toEqual(["beam-a"]);

    writeFileSync(file, "{ half a fil");
    const result = restoreSnapshot(new ChannelStore(PREFIX, Date.now, 10), file);
    expect(result).toEqual({ channels: 0, problem: expect.stringContaining("could not be read") });
    expect(existsSync(`${file}.unreadable`)).toBe(true);
    expect(existsSync(file)).toBe(false);
  });
});
