/**
 * The emulator's control-plane state (channels, their tags and versions) on disk, so a restart of
 * the token server's embedded emulator does not end every share: its channels are what sessions are.
 * Signaling connections are not kept; masters and viewers reconnect as they would to KVS.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { ChannelRecord, ChannelStore } from "./channel-store.ts";

/** Where the token server keeps its embedded emulator's channels: in BEAM_DATA_DIR (made 0700 if new). */
export function stateFileIn(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return join(dataDir, "emulator-channels.json");
}

const snapshotSchema = z.object({
  format: z.literal(1),
  channels: z.array(
    z.object({
      name: z.string().min(1),
      arn: z.string().min(1),
      type: z.enum(["SINGLE_MASTER", "FULL_MESH"]),
      creationTimeMs: z.number().int(),
      messageTtlSeconds: z.number().int(),
      version: z.string().min(1),
      tags: z.record(z.string(), z.string()),
    }),
  ),
});

export function toSnapshot(channels: Iterable<ChannelRecord>): string {
  const list = [...channels].map((c) => ({
    name: c.name,
    arn: c.arn,
    type: c.type,
    creationTimeMs: c.creationTimeMs,
    messageTtlSeconds: c.messageTtlSeconds,
    version: c.version,
    tags: Object.fromEntries(c.tags),
  }));
  return JSON.stringify({ format: 1, channels: list });
}

/** The channels in a snapshot; throws on anything that is not one. */
export function fromSnapshot(text: string): ChannelRecord[] {
  const { channels } = snapshotSchema.parse(JSON.parse(text));
  return channels.map((c) => ({ ...c, tags: new Map(Object.entries(c.tags)) }));
}

/**
 * Replaces `file` with `text` so that a crash at any moment leaves the old file or the new one,
 * never half of one: write a temporary file beside it, flush it to disk, rename it over.
 */
export function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, "w", 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/** The saved channels, or none when there is no file yet. */
export function readSnapshot(file: string): ChannelRecord[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return fromSnapshot(text);
}

/** What the store calls on every change: the whole state, written atomically. */
export function snapshotSaver(file: string): (channels: Iterable<ChannelRecord>) => void {
  return (channels) => {
    try {
      writeAtomically(file, toSnapshot(channels));
    } catch {
      // Memory stays the truth; the next change writes the file again.
    }
  };
}

/** Restores at start. A file that cannot be read is set aside, not overwritten: the emulator starts without it. */
export function restoreSnapshot(store: ChannelStore, file: string): { channels: number; problem?: string } {
  try {
    return { channels: store.restore(readSnapshot(file)) };
  } catch (error) {
    renameSync(file, `${file}.unreadable`);
    return { channels: 0, problem: `${file} could not be read (${(error as Error).message}); set aside` };
  }
}
