/**
 * Deletes Beam channels whose expiry tag has passed, so a crashed extension or server leaves nothing
 * billed behind. It reads only KVS, through the KVS port (names by prefix, then tags): no local
 * state, so any instance, in AWS or emulator mode, can clean up after any other.
 */
import type { Clock } from "./clock.ts";
import type { KvsBackend, ListedChannel } from "./kvs/port.ts";
import { BEAM_CREATOR, BEAM_TAG } from "./kvs/tags.ts";
import type { Logger } from "./logger.ts";

export interface JanitorReport {
  listed: number;
  checked: number;
  expired: number;
  deleted: number;
  /** Already gone when deleted (another instance, or Stop, got there first). */
  gone: number;
  /** In use (ResourceInUse): left for the next run. */
  busy: number;
  failed: number;
}

/** Pure: a channel is expired when Beam created it and its expiry tag lies in the past. */
export function isExpired(tags: Record<string, string>, nowSeconds: number): boolean {
  if (tags[BEAM_TAG.creator] !== BEAM_CREATOR) return false;
  const expiresAt = tags[BEAM_TAG.expiresAt];
  if (expiresAt === undefined || !/^\d{1,12}$/.test(expiresAt)) return false;
  return Number(expiresAt) <= nowSeconds;
}

/** Pure: which channels to check this run: the oldest first (they expire first), at most `max`. */
export function channelsToCheck(channels: readonly ListedChannel[], max: number): ListedChannel[] {
  return channels
    .filter((c) => !c.deleting)
    .sort((a, b) => a.createdAt - b.createdAt)
    .slice(0, max);
}

export interface JanitorDeps {
  /** The backend's channel prefix decides which channels are Beam's; its retry policy covers each call. */
  kvs: Pick<KvsBackend, "listSessionChannels" | "channelTags" | "deleteChannelArn">;
  clock: Clock;
  logger: Logger;
  /** Tag look-ups per run (KVS allows 50 tag calls per second per account). */
  maxChecksPerRun?: number;
  maxDeletesPerRun?: number;
  /** ListSignalingChannels page size (KVS's default is 500). */
  pageSize?: number;
}

const MAX_LIST_PAGES = 20;

export function createJanitor(deps: JanitorDeps): { run(): Promise<JanitorReport> } {
  async function run(): Promise<JanitorReport> {
    const report: JanitorReport = {
      listed: 0,
      checked: 0,
      expired: 0,
      deleted: 0,
      gone: 0,
      busy: 0,
      failed: 0,
    };
    const channels = await deps.kvs.listSessionChannels({
      pageSize: deps.pageSize ?? 500,
      maxPages: MAX_LIST_PAGES,
    });
    report.listed = channels.length;
    const nowSeconds = Math.floor(deps.clock.now() / 1000);
    for (const channel of channelsToCheck(channels, deps.maxChecksPerRun ?? 200)) {
      if (report.expired >= (deps.maxDeletesPerRun ?? 50)) break;
      try {
        report.checked++;
        const tags = await deps.kvs.channelTags(channel.arn);
        if (tags === undefined) {
          report.gone++;
          continue;
        }
        if (!isExpired(tags, nowSeconds)) continue;
        report.expired++;
        report[await deps.kvs.deleteChannelArn(channel.arn)]++;
      } catch (error) {
        report.failed++;
        deps.logger.warn("janitor could not clean a channel", { channel: channel.name, error });
      }
    }
    deps.logger.info("janitor run", { ...report });
    return report;
  }

  return { run };
}

/** Runs the janitor now and then every `intervalSeconds` (0: only now); a slow run is never overlapped. */
export function startJanitor(
  janitor: { run(): Promise<unknown> },
  intervalSeconds: number,
  logger: Logger,
): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await janitor.run();
    } catch (error) {
      logger.warn("janitor run failed", { error });
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = intervalSeconds > 0 ? setInterval(() => void tick(), intervalSeconds * 1000) : undefined;
  timer?.unref();
  return { stop: () => clearInterval(timer) };
}
