/**
 * A crowd: N people open the same camera share's link at once (a link posted to a group chat), each
 * in their own browser context, all navigations started together. The emulator keeps KVS's default
 * quotas (3 viewer connects per second per channel, 10 viewers), so what a crowd costs is measured
 * as KVS would impose it. Per viewer: navigation start → first decoded frame, and the join phases.
 */
import type { Browser, Page } from "playwright-core";
import { waitFor } from "../../e2e/harness/wait";
import type { RunningEmulator } from "../../token-server/src/emulator/index.ts";
import { type Figure, judge } from "../lib/figure";
import { MARK_JOIN_PHASES, watchFirstFrame } from "../lib/first-frame";
import { median } from "../lib/stats";
import type { Join } from "./viewer-ttff";

/** The crowd sizes, in order; one viewer three times, so the single-viewer reference is a median. */
export const CROWD_ROUNDS = [1, 1, 1, 3, 5, 10];
/** Past this a viewer counts as not playing. */
const CROWD_TIMEOUT_MS = 30_000;
/** The goal: the slowest of the largest crowd plays within this of a single viewer. */
const SLOWEST_EXTRA_MS = 4_000;

export interface CrowdRound {
  size: number;
  /** One per viewer; null when it showed no frame within the timeout. */
  joins: (Join | null)[];
  /** Between the first and the last navigation start, ms. */
  spreadMs: number;
}

/** Null when the page showed no frame in time. */
function firstFrame(page: Page): Promise<Join | null> {
  return watchFirstFrame(page, CROWD_TIMEOUT_MS).catch(() => null);
}

export async function crowdRound(browser: Browser, url: string, size: number): Promise<CrowdRound> {
  const contexts = await Promise.all(
    Array.from({ length: size }, () => browser.newContext({ viewport: { width: 960, height: 600 } })),
  );
  try {
    const pages = await Promise.all(
      contexts.map(async (context) => {
        await context.addInitScript(MARK_JOIN_PHASES);
        return context.newPage();
      }),
    );
    const frames = pages.map(firstFrame);
    await Promise.all(pages.map((page) => page.goto(url, { waitUntil: "commit" })));
    const joins = await Promise.all(frames);
    // Read after the joins, so nothing is evaluated in the pages while they load.
    const origins = await Promise.all(pages.map((page) => page.evaluate(() => performance.timeOrigin)));
    return { size, joins, spreadMs: Math.max(...origins) - Math.min(...origins) };
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
}

export async function measureCrowds(
  browser: Browser,
  emulator: RunningEmulator,
  url: string,
  log: (line: string) => void,
): Promise<CrowdRound[]> {
  const rounds: CrowdRound[] = [];
  for (const size of CROWD_ROUNDS) {
    const round = await crowdRound(browser, url, size);
    rounds.push(round);
    const ms = round.joins.map((j) => (j ? j.ttff.toFixed(0) : "none"));
    log(`crowd of ${size} (opened within ${round.spreadMs.toFixed(0)} ms): ${ms.join(", ")} ms`);
    // The next crowd starts on an empty channel and a fresh connect window.
    await waitFor("the crowd to leave the channel", () => emulator.connections().viewers === 0, {
      timeoutMs: 15_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
  }
  return rounds;
}

/** The joins of every round of one size. */
export function crowdJoins(rounds: readonly CrowdRound[], size: number): (Join | null)[] {
  return rounds.filter((r) => r.size === size).flatMap((r) => r.joins);
}

export function crowdFigures(rounds: readonly CrowdRound[]): Figure[] {
  const sizes = [...new Set(rounds.map((r) => r.size))];
  const largest = Math.max(...sizes);
  const played = (size: number) => crowdJoins(rounds, size).filter((j): j is Join => j !== null);
  const single = median(played(1).map((j) => j.ttff));
  return sizes.flatMap((size) => {
    const all = crowdJoins(rounds, size);
    const ttff = played(size).map((j) => j.ttff);
    const spread = Math.max(...rounds.filter((r) => r.size === size).map((r) => r.spreadMs));
    const note = `${ttff.length} of ${all.length} played within ${CROWD_TIMEOUT_MS / 1000} s; navigations started within ${spread.toFixed(0)} ms`;
    const medianRow = judge({
      id: `crowd_${size}_median_ms`,
      label:
        size === 1
          ? "crowd of 1 (single viewer): first frame, median"
          : `crowd of ${size}: first frame, median`,
      value: median(ttff),
      unit: "ms",
      note,
    });
    if (size === 1) return [medianRow];
    // A viewer that never played makes the slowest unmeasured: a miss, not a fast figure.
    const slowest = ttff.length === all.length ? Math.max(...ttff) : Number.POSITIVE_INFINITY;
    const slowestRow = judge({
      id: `crowd_${size}_slowest_ms`,
      label: `crowd of ${size}: first frame, slowest`,
      value: Number.isFinite(slowest) ? slowest : null,
      unit: "ms",
      ...(size === largest
        ? {
            goal: {
              on: "value" as const,
              op: "<=" as const,
              target: single + SLOWEST_EXTRA_MS,
              text: `≤ 1 viewer + 4 s (${((single + SLOWEST_EXTRA_MS) / 1000).toFixed(1)} s)`,
            },
          }
        : {}),
    });
    if (size !== largest) return [medianRow, slowestRow];
    const playing = judge({
      id: `crowd_${size}_playing`,
      label: `crowd of ${size}: viewers playing`,
      value: ttff.length,
      unit: "viewers",
      goal: { on: "value", op: ">=", target: size, text: `all ${size}` },
    });
    return [medianRow, slowestRow, playing];
  });
}
