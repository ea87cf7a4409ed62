/**
 * Viewer time to first frame: a fresh browser context opens the viewer link; the page's own clock
 * (0 = navigation start) marks the first decoded frame. Each join also records its phases, which
 * say where the time goes (page load, credential request, signaling, ICE/DTLS, first frame).
 */
import type { Browser } from "playwright-core";
import { type JoinMarks, MARK_JOIN_PHASES, readMarks } from "../lib/first-frame";
import { median } from "../lib/stats";

export interface Join {
  ttff: number;
  marks: JoinMarks;
}

export async function measureJoin(browser: Browser, url: string, timeoutMs = 20_000): Promise<Join> {
  const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
  try {
    await context.addInitScript(MARK_JOIN_PHASES);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(
      () => (window as unknown as { __bench?: JoinMarks }).__bench?.firstFrame !== undefined,
      undefined,
      { timeout: timeoutMs, polling: 50 },
    );
    const marks = await page.evaluate(readMarks);
    await page.close();
    return { ttff: marks.firstFrame as number, marks };
  } finally {
    await context.close();
  }
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
