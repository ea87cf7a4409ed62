/**
 * Every figure that needs Chromium, sharing one stack (KVS quotas as documented), one sharer
 * browser with the built extension, and one viewer browser.
 */
import { configureServer } from "../../e2e/harness/options-page";
import { requireBuiltExtension } from "../../e2e/harness/paths";
import { startShare } from "../../e2e/harness/popup";
import { launchSharerBrowser, type SharerBrowser } from "../../e2e/harness/sharer-browser";
import { startTestPage, type TestPageServer } from "../../e2e/harness/test-page";
import { launchViewerBrowser, type ViewerBrowser } from "../../e2e/harness/viewer-browser";
import { type Figure, failed, judge } from "../lib/figure";
import { linkOn, type Stack, startStack } from "../lib/stack";
import { median, percentile } from "../lib/stats";
import { AWS_DELAY_MS } from "./aws-calls";
import { type MediaLoad, measureMediaLoad } from "./media-load";
import { measurePopupConnect } from "./popup-connect";
import { type Join, measureJoin, phaseMedians } from "./viewer-ttff";
import { measureWebRtcFloor } from "./webrtc-floor";

export const RUNS = { floor: 20, joins: 20, popup: 5, loadViewers: 9, loadSeconds: 30 };

export interface BrowserDetails {
  chromium?: string;
  phases: Record<string, Record<string, number>>;
  samples: Record<string, number[]>;
}

async function joins(viewers: ViewerBrowser, url: string, count: number): Promise<Join[]> {
  const out: Join[] = [];
  for (let i = 0; i < count; i++) {
    out.push(await measureJoin(viewers.browser, url));
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the sharer drop the last peer
  }
  return out;
}

export async function browserFigures(
  log: (line: string) => void,
  details: BrowserDetails,
): Promise<Figure[]> {
  let stack: Stack | undefined;
  let testPage: TestPageServer | undefined;
  let sharer: SharerBrowser | undefined;
  let viewers: ViewerBrowser | undefined;
  try {
    stack = await startStack();
    testPage = await startTestPage();
    // Chromium's fake camera runs at 20 fps unless told otherwise; the share asks for 30.
    sharer = await launchSharerBrowser(requireBuiltExtension(), [
      "--use-fake-device-for-media-stream=fps=30",
    ]);
    viewers = await launchViewerBrowser();
    await configureServer(sharer, stack.beamUrl);

    const floor = await measureWebRtcFloor(viewers.browser, testPage.url, RUNS.floor);
    const floorMs = median(floor);
    log(`WebRTC floor: median ${floorMs.toFixed(0)} ms over ${floor.length} runs`);

    const tab = await sharer.openTab(`${testPage.url}?camera`);
    const popupConnect = await measurePopupConnect(sharer, tab, stack.emulator, RUNS.popup);
    log(`popup click → master connected: ${popupConnect.map((ms) => ms.toFixed(0)).join(", ")} ms`);

    const { viewerUrl } = await startShare(sharer, tab, "Share camera");
    await joins(viewers, viewerUrl, 2); // warm-up: caches, JIT, first-run codec setup
    const beam0 = await joins(viewers, viewerUrl, RUNS.joins);
    const ttff0 = beam0.map((j) => j.ttff);
    log(`Beam TTFF at 0 ms: median ${median(ttff0).toFixed(0)} ms`);

    // 40 ms per AWS call; Beam and baseline joins alternate so machine load hits both alike.
    stack.emulator.setCallDelayMs(AWS_DELAY_MS);
    const baselineUrl = linkOn(stack.baselineUrl, viewerUrl);
    const beam40: Join[] = [];
    const base40: Join[] = [];
    for (let i = 0; i < RUNS.joins; i++) {
      beam40.push(...(await joins(viewers, viewerUrl, 1)));
      base40.push(...(await joins(viewers, baselineUrl, 1)));
    }
    stack.emulator.setCallDelayMs(0);
    const beamOverhead = median(beam40.map((j) => j.ttff)) - floorMs;
    const baseOverhead = median(base40.map((j) => j.ttff)) - floorMs;
    log(
      `join overhead at ${AWS_DELAY_MS} ms: Beam ${beamOverhead.toFixed(0)} ms, baseline ${baseOverhead.toFixed(0)} ms`,
    );

    details.chromium = viewers.browser.version();
    // A failed load run keeps the figures above; the table shows it as not measured.
    const load = await measureMediaLoad(sharer, viewers, viewerUrl, RUNS.loadViewers, RUNS.loadSeconds).catch(
      (error: Error) => error,
    );
    if (!(load instanceof Error)) {
      const fps = load.fps.map((f) => f.toFixed(1)).join(", ");
      log(`media under load: ${fps} fps; sharer CPU ${load.sharerCpuPercent.toFixed(0)} %`);
    }

    details.phases = {
      beam_0ms: phaseMedians(beam0),
      beam_40ms: phaseMedians(beam40),
      baseline_40ms: phaseMedians(base40),
    };
    details.samples = {
      webrtc_floor_ms: floor,
      beam_ttff_0ms: ttff0,
      beam_ttff_40ms: beam40.map((j) => j.ttff),
      baseline_ttff_40ms: base40.map((j) => j.ttff),
      popup_connect_ms: popupConnect,
      ...(load instanceof Error ? {} : { viewer_fps: load.fps }),
    };
    return [
      judge({
        id: "webrtc_floor_ms",
        label: "WebRTC floor (offer → first frame), median",
        value: floorMs,
        unit: "ms",
        note: `${floor.length} runs, two peer connections in one page, fake camera`,
      }),
      judge({
        id: "viewer_ttff_median_ms",
        label: "viewer TTFF, median (0 ms delay)",
        value: median(ttff0),
        unit: "ms",
        ratio: { value: median(ttff0) / floorMs, of: "floor" },
        goal: { on: "ratio", op: "<=", target: 1.5, text: "≤ 1.5× floor" },
        note: `${ttff0.length} joins, link opened in a fresh context → first decoded frame`,
      }),
      judge({
        id: "viewer_ttff_p95_ms",
        label: "viewer TTFF, p95 (0 ms delay)",
        value: percentile(ttff0, 95),
        unit: "ms",
        ratio: { value: percentile(ttff0, 95) / floorMs, of: "floor" },
      }),
      judge({
        id: "join_overhead_40ms_ms",
        label: `join overhead TTFF − floor (${AWS_DELAY_MS} ms per AWS call)`,
        value: beamOverhead,
        unit: "ms",
        baseline: baseOverhead,
        ratio: { value: baseOverhead / beamOverhead, of: "smaller" },
        goal: { on: "ratio", op: ">=", target: 3, text: "≥ 3× smaller than baseline" },
        note: `${RUNS.joins} joins each, Beam and baseline alternating, same viewer page`,
      }),
      judge({
        id: "popup_to_master_connected_ms",
        label: "popup click → master connected, median",
        value: median(popupConnect),
        unit: "ms",
        goal: { on: "value", op: "<=", target: 500, text: "≤ 500 ms" },
        note: `${popupConnect.length} shares; max ${Math.max(...popupConnect).toFixed(0)} ms`,
      }),
      ...mediaLoadFigures(load),
    ];
  } finally {
    await viewers?.close().catch(() => {});
    await sharer?.close().catch(() => {});
    await testPage?.close().catch(() => {});
    await stack?.close().catch(() => {});
  }
}

function mediaLoadFigures(load: MediaLoad | Error): Figure[] {
  const fpsLabel = `media under load: slowest of ${RUNS.loadViewers} viewers`;
  const cpuLabel = `sharer Chromium CPU with ${RUNS.loadViewers} viewers`;
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
      note: `${RUNS.loadSeconds} s, camera ${load.resolution}; median viewer ${median(load.fps).toFixed(1)} fps`,
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
