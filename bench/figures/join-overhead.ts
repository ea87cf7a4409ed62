/**
 * Join overhead with AWS round trips: TTFF − WebRTC floor with 40 ms per AWS call, Beam against the
 * tutorial baseline (same viewer page, only the credential endpoint differs). Joins alternate so
 * machine load hits both alike.
 */
import type { Browser } from "playwright-core";
import { type Figure, judge } from "../lib/figure";
import { linkOn, type Stack } from "../lib/stack";
import { median } from "../lib/stats";
import { AWS_DELAY_MS } from "./aws-calls";
import { type Join, measureJoin } from "./viewer-ttff";

export interface JoinOverhead {
  beam: Join[];
  baseline: Join[];
}

/** Joins in fresh contexts, one after another, with a pause for the sharer to drop the last peer. */
export async function sequentialJoins(browser: Browser, url: string, count: number): Promise<Join[]> {
  const out: Join[] = [];
  for (let i = 0; i < count; i++) {
    out.push(await measureJoin(browser, url));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return out;
}

export async function measureJoinOverhead(
  browser: Browser,
  stack: Stack,
  viewerUrl: string,
  runs: number,
): Promise<JoinOverhead> {
  stack.emulator.setCallDelayMs(AWS_DELAY_MS);
  const baselineUrl = linkOn(stack.baselineUrl, viewerUrl);
  const beam: Join[] = [];
  const baseline: Join[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      beam.push(...(await sequentialJoins(browser, viewerUrl, 1)));
      baseline.push(...(await sequentialJoins(browser, baselineUrl, 1)));
    }
  } finally {
    stack.emulator.setCallDelayMs(0);
  }
  return { beam, baseline };
}

export function joinOverheadFigure(overhead: JoinOverhead, webRtcFloorMs: number): Figure {
  const beam = median(overhead.beam.map((j) => j.ttff)) - webRtcFloorMs;
  const baseline = median(overhead.baseline.map((j) => j.ttff)) - webRtcFloorMs;
  return judge({
    id: "join_overhead_40ms_ms",
    label: `join overhead TTFF − floor (${AWS_DELAY_MS} ms per AWS call)`,
    value: beam,
    unit: "ms",
    baseline,
    ratio: { value: baseline / beam, of: "smaller" },
    goal: { on: "ratio", op: ">=", target: 3, text: "≥ 3× smaller than baseline" },
    note: `${overhead.beam.length} joins each, Beam and baseline alternating, same viewer page`,
  });
}
