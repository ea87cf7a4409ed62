/**
 * Media under load: viewers of one camera share for a while; each viewer's decoded frame rate from
 * `framesDecoded`, and the sharer's CPU from CDP `SystemInfo.getProcessInfo` (every process of the
 * sharer's Chromium: browser, renderers incl. the offscreen document, GPU, utilities).
 */
import type { CDPSession } from "playwright-core";
import type { SharerBrowser } from "../../e2e/harness/sharer-browser";
import type { Viewer, ViewerBrowser } from "../../e2e/harness/viewer-browser";
import { type Figure, failed, judge } from "../lib/figure";
import { median } from "../lib/stats";

export interface MediaLoad {
  fps: number[];
  /** Sharer CPU, % of one core. */
  sharerCpuPercent: number;
  resolution: string;
}

async function cpuSeconds(cdp: CDPSession): Promise<number> {
  const { processInfo } = (await cdp.send("SystemInfo.getProcessInfo")) as {
    processInfo: { cpuTime: number }[];
  };
  return processInfo.reduce((sum, process) => sum + process.cpuTime, 0);
}

export async function measureMediaLoad(
  sharer: SharerBrowser,
  viewerBrowser: ViewerBrowser,
  viewerUrl: string,
  viewerCount: number,
  seconds: number,
): Promise<MediaLoad> {
  const cdp = await sharer.context.browser()?.newBrowserCDPSession();
  if (!cdp) throw new Error("no browser CDP session on the sharer");
  const viewers: Viewer[] = [];
  try {
    // One at a time: nine simultaneous offers on two busy cores can starve the first key frames.
    const first = [];
    for (let i = 0; i < viewerCount; i++) {
      const viewer = await viewerBrowser.open(viewerUrl);
      viewers.push(viewer);
      first.push(await viewer.waitForFrames(60_000));
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // past the first key frames and ramp-up
    const before = await Promise.all(viewers.map((viewer) => viewer.inboundVideo()));
    const cpuBefore = await cpuSeconds(cdp);
    const started = performance.now();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const after = await Promise.all(viewers.map((viewer) => viewer.inboundVideo()));
    const elapsed = (performance.now() - started) / 1000;
    const cpu = (await cpuSeconds(cdp)) - cpuBefore;
    return {
      fps: after.map((stats, i) => (stats.framesDecoded - (before[i]?.framesDecoded ?? 0)) / elapsed),
      sharerCpuPercent: (cpu / elapsed) * 100,
      resolution: `${first[0]?.width}×${first[0]?.height}`,
    };
  } finally {
    await Promise.all(viewers.map((viewer) => viewer.close()));
    await cdp.detach();
  }
}

export function mediaLoadFigures(load: MediaLoad | Error, viewers: number, seconds: number): Figure[] {
  const fpsLabel = `media under load: slowest of ${viewers} viewers`;
  const cpuLabel = `sharer Chromium CPU with ${viewers} viewers`;
  if (load instanceof Error) {
    return [
      failed("media_load_min_fps", fpsLabel, "fps", load.message, "≥ 25 fps each"),
      failed("media_load_sharer_cpu_percent", cpuLabel, "% core", load.message),
    ];
  }
  return [
    judge({
      id: "media_load_min_fps",
      label: fpsLabel,
      value: Math.min(...load.fps),
      unit: "fps",
      goal: { on: "value", op: ">=", target: 25, text: "≥ 25 fps each" },
      note: `${seconds} s, camera ${load.resolution}; median viewer ${median(load.fps).toFixed(1)} fps`,
    }),
    judge({
      id: "media_load_sharer_cpu_percent",
      label: cpuLabel,
      value: load.sharerCpuPercent,
      unit: "% core",
      note: "all sharer processes, CDP SystemInfo.getProcessInfo",
    }),
  ];
}
