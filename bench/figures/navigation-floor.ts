/**
 * The navigation floor: what the browser itself takes to open a trivial page from the same server
 * as the viewer page, navigation start → DOMContentLoaded, on the page's own clock (as TTFF is).
 * Fresh: a new browser context per run, as a viewer TTFF join. Warm: a new tab in a context that
 * stays open with another tab in it, as a viewer who already has the browser running.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { type Figure, judge } from "../lib/figure";
import { median } from "../lib/stats";

export interface NavigationFloor {
  fresh: number[];
  warm: number[];
}

async function openTab(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: "domcontentloaded" });
    return await page.evaluate(() => {
      const [entry] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
      return entry?.domContentLoadedEventStart ?? Number.NaN;
    });
  } finally {
    await page.close();
  }
}

export async function measureNavigationFloor(
  browser: Browser,
  blankUrl: string,
  runs: number,
): Promise<NavigationFloor> {
  const fresh: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
    try {
      fresh.push(await openTab(context, blankUrl));
    } finally {
      await context.close();
    }
  }
  const running = await openRunningContext(browser);
  try {
    await openTab(running, blankUrl); // the first visit there: not a warm one yet
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) warm.push(await openTab(running, blankUrl));
    return { fresh, warm };
  } finally {
    await running.close();
  }
}

/** A context with a tab that stays open, as in a browser someone is already using. */
export async function openRunningContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
  await context.newPage();
  return context;
}

export function navigationFloorFigures(floor: NavigationFloor): Figure[] {
  const note = "trivial HTML page from the viewer page's server, navigation start → DOMContentLoaded";
  return [
    judge({
      id: "navigation_floor_fresh_ms",
      label: "navigation floor, fresh context, median",
      value: median(floor.fresh),
      unit: "ms",
      note: `${floor.fresh.length} runs; ${note}`,
    }),
    judge({
      id: "navigation_floor_warm_ms",
      label: "navigation floor, new tab, running browser, median",
      value: median(floor.warm),
      unit: "ms",
      note: `${floor.warm.length} runs; ${note}`,
    }),
  ];
}
