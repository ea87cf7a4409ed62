/**
 * Viewer time to first frame: the viewer link opened in a fresh browser context, or in a new tab of
 * a browser that is already running; the page's own clock (0 = navigation start) marks the first
 * decoded frame. Each join also records its phases, which say where the time goes (page load,
 * credential request, signaling, ICE/DTLS, first frame).
 */
import type { Browser, BrowserContext } from "playwright-core";
import { type Figure, judge } from "../lib/figure";
import { type JoinMarks, MARK_JOIN_PHASES, watchFirstFrame } from "../lib/first-frame";
import { median, percentile } from "../lib/stats";

export interface Join {
  ttff: number;
  marks: JoinMarks;
}

/** The first-frame times of the joins that played. */
export const ttffOf = (joins: readonly (Join | null)[]): number[] =>
  joins.flatMap((join) => (join ? [join.ttff] : []));

/** Opens `url` in a new tab of `context` (its init scripts mark the phases) and waits for the first frame. */
async function joinInTab(context: BrowserContext, url: string, timeoutMs: number): Promise<Join> {
  const page = await context.newPage();
  try {
    const frame = watchFirstFrame(page, timeoutMs);
    await page.goto(url, { waitUntil: "commit" });
    return await frame;
  } finally {
    await page.close();
  }
}

/** A join in a fresh browser context, closed afterwards. */
export async function measureJoin(browser: Browser, url: string, timeoutMs = 20_000): Promise<Join> {
  const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
  try {
    await context.addInitScript(MARK_JOIN_PHASES);
    return await joinInTab(context, url, timeoutMs);
  } finally {
    await context.close();
  }
}

/**
 * Joins one after another, each in a new tab of the same running context (its HTTP cache, sockets
 * and viewer id carry over, as in a browser someone already uses); the tab closes after its first frame.
 */
export async function measureWarmJoins(
  running: BrowserContext,
  url: string,
  count: number,
  timeoutMs = 20_000,
): Promise<Join[]> {
  await running.addInitScript(MARK_JOIN_PHASES);
  const joins: Join[] = [];
  for (let i = 0; i < count; i++) {
    joins.push(await joinInTab(running, url, timeoutMs));
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the sharer drop the last peer
  }
  return joins;
}

/** Median duration of each phase over the joins, ms. */
export function phaseMedians(joins: readonly Join[]): Record<string, number> {
  const phase = (from: keyof JoinMarks, to: keyof JoinMarks) =>
    median(
      joins
        .map(({ marks }) => (marks[to] ?? Number.NaN) - (marks[from] ?? Number.NaN))
        .filter(Number.isFinite),
    );
  const atStart = (to: keyof JoinMarks) =>
    median(joins.map(({ marks }) => marks[to] ?? Number.NaN).filter(Number.isFinite));
  return {
    "navigation → page received": atStart("documentReceived"),
    "page received → script received": phase("documentReceived", "scriptReceived"),
    "script received → DOMContentLoaded": phase("scriptReceived", "domContentLoaded"),
    "DOMContentLoaded → join request sent": phase("domContentLoaded", "joinStart"),
    "join request → response": phase("joinStart", "joinEnd"),
    "response → signaling socket created": phase("joinEnd", "wsCreated"),
    "socket created → open": phase("wsCreated", "wsOpen"),
    "socket open → first message (answer)": phase("wsOpen", "wsFirstMessage"),
    "answer → ICE/DTLS connected": phase("wsFirstMessage", "pcConnected"),
    "connected → first frame": phase("pcConnected", "firstFrame"),
  };
}

export const TTFF_FLOOR_FACTOR = 1.5;

/**
 * TTFF against its floors from the same run: the goal is TTFF ≤ navigation floor + 1.5 × WebRTC
 * floor, so the ratio shown is (TTFF − navigation floor) ÷ WebRTC floor.
 */
export function ttffFigures(
  kind: "fresh" | "warm",
  ttff: readonly number[],
  floors: { navigationMs: number; webRtcMs: number },
): Figure[] {
  const where = kind === "fresh" ? "fresh context" : "new tab, running browser";
  const budget = floors.navigationMs + TTFF_FLOOR_FACTOR * floors.webRtcMs;
  const past = (ms: number) => ({
    value: (ms - floors.navigationMs) / floors.webRtcMs,
    of: "WebRTC floor past nav",
  });
  return [
    judge({
      id: `viewer_ttff_${kind}_median_ms`,
      label: `viewer TTFF, ${where}, median`,
      value: median(ttff),
      unit: "ms",
      ratio: past(median(ttff)),
      goal: { on: "ratio", op: "<=", target: TTFF_FLOOR_FACTOR, text: "≤ nav + 1.5× WebRTC floor" },
      note: `${ttff.length} joins, link → first decoded frame; budget ${budget.toFixed(0)} ms (nav ${floors.navigationMs.toFixed(0)} + 1.5 × ${floors.webRtcMs.toFixed(0)})`,
    }),
    judge({
      id: `viewer_ttff_${kind}_p95_ms`,
      label: `viewer TTFF, ${where}, p95`,
      value: percentile(ttff, 95),
      unit: "ms",
      ratio: past(percentile(ttff, 95)),
    }),
  ];
}
