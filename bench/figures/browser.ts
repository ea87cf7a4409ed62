/**
 * Every figure that needs Chromium, sharing one stack (KVS quotas as documented), one sharer
 * browser with the built extension, one viewer browser and one live camera share. Runs the parts
 * selected with `--only` (all by default), floors first: the goals are ratios against them.
 */
import { configureServer } from "../../e2e/harness/options-page";
import { requireBuiltExtension } from "../../e2e/harness/paths";
import { startShare } from "../../e2e/harness/popup";
import { launchSharerBrowser, type SharerBrowser } from "../../e2e/harness/sharer-browser";
import { startTestPage, type TestPageServer } from "../../e2e/harness/test-page";
import { launchViewerBrowser, type ViewerBrowser } from "../../e2e/harness/viewer-browser";
import type { Figure } from "../lib/figure";
import type { Part } from "../lib/parts";
import { BLANK_PATH, type Stack, startStack } from "../lib/stack";
import { median } from "../lib/stats";
import { CROWD_ROUNDS, crowdFigures, crowdJoins, measureCrowds } from "./crowd";
import { joinOverheadFigure, measureJoinOverhead, sequentialJoins } from "./join-overhead";
import { measureMediaLoad, mediaLoadFigures } from "./media-load";
import { measureNavigationFloor, navigationFloorFigures, openRunningContext } from "./navigation-floor";
import { measureP2pFloor, p2pFloorFigures } from "./p2p-floor";
import { measurePopupConnect, popupConnectFigure } from "./popup-connect";
import { type Join, measureWarmJoins, phaseMedians, ttffFigures, ttffOf } from "./viewer-ttff";
import { measureWebRtcFloor, webRtcFloorFigure } from "./webrtc-floor";

export const RUNS = {
  floor: 20,
  navigation: 20,
  joins: 20,
  warmJoins: 20,
  popup: 5,
  crowds: CROWD_ROUNDS,
  loadViewers: 9,
  loadSeconds: 30,
};

/** The parts that need the sharer's browser and a live share. */
const SHARE_PARTS: readonly Part[] = ["popup", "ttff", "join-overhead", "crowd", "media"];
export const BROWSER_PARTS: readonly Part[] = ["webrtc-floor", "navigation", "p2p-floor", ...SHARE_PARTS];

export interface BrowserDetails {
  chromium?: string;
  phases: Record<string, Record<string, number>>;
  samples: Record<string, number[]>;
}

export async function browserFigures(
  log: (line: string) => void,
  details: BrowserDetails,
  parts: ReadonlySet<Part>,
): Promise<Figure[]> {
  let stack: Stack | undefined;
  let testPage: TestPageServer | undefined;
  let sharer: SharerBrowser | undefined;
  let viewers: ViewerBrowser | undefined;
  const figures: Figure[] = [];
  const { phases, samples } = details;
  try {
    stack = await startStack();
    testPage = await startTestPage();
    viewers = await launchViewerBrowser();
    const browser = viewers.browser;
    details.chromium = browser.version();

    let webRtcFloor = Number.NaN;
    if (parts.has("webrtc-floor")) {
      samples.webrtc_floor_ms = await measureWebRtcFloor(browser, testPage.url, RUNS.floor);
      webRtcFloor = median(samples.webrtc_floor_ms);
      log(`WebRTC floor: median ${webRtcFloor.toFixed(0)} ms`);
      figures.push(webRtcFloorFigure(samples.webrtc_floor_ms));
    }
    const navigation = { fresh: Number.NaN, warm: Number.NaN };
    if (parts.has("navigation")) {
      const floor = await measureNavigationFloor(browser, `${stack.beamUrl}${BLANK_PATH}`, RUNS.navigation);
      samples.navigation_floor_fresh_ms = floor.fresh;
      samples.navigation_floor_warm_ms = floor.warm;
      navigation.fresh = median(floor.fresh);
      navigation.warm = median(floor.warm);
      log(`navigation floor: fresh ${navigation.fresh.toFixed(0)} ms, warm ${navigation.warm.toFixed(0)} ms`);
      figures.push(...navigationFloorFigures(floor));
    }
    if (parts.has("p2p-floor")) {
      const floor = await measureP2pFloor(browser, RUNS.joins);
      samples.p2p_floor_fresh_ms = ttffOf(floor.fresh);
      samples.p2p_floor_warm_ms = ttffOf(floor.warm);
      samples.p2p_floor_crowd_ms = ttffOf(floor.crowd);
      phases.p2p_floor_fresh = phaseMedians(floor.fresh);
      const ms = (joins: readonly (Join | null)[]) => median(ttffOf(joins)).toFixed(0);
      log(`P2P floor: fresh ${ms(floor.fresh)} ms, warm ${ms(floor.warm)} ms, crowd ${ms(floor.crowd)} ms`);
      figures.push(...p2pFloorFigures(floor));
    }
    if (!SHARE_PARTS.some((part) => parts.has(part))) return figures;

    // Chromium's fake camera runs at 20 fps unless told otherwise; the share asks for 30.
    sharer = await launchSharerBrowser(requireBuiltExtension(), [
      "--use-fake-device-for-media-stream=fps=30",
    ]);
    await configureServer(sharer, stack.beamUrl);
    const tab = await sharer.openTab(`${testPage.url}?camera`);
    if (parts.has("popup")) {
      samples.popup_connect_ms = await measurePopupConnect(sharer, tab, stack.emulator, RUNS.popup);
      log(
        `popup click → master connected: ${samples.popup_connect_ms.map((ms) => ms.toFixed(0)).join(", ")} ms`,
      );
      figures.push(popupConnectFigure(samples.popup_connect_ms));
    }
    const { viewerUrl } = await startShare(sharer, tab, "Share camera");
    await sequentialJoins(browser, viewerUrl, 2); // warm-up: server JIT, first-run codec setup

    if (parts.has("ttff")) {
      const fresh = await sequentialJoins(browser, viewerUrl, RUNS.joins);
      const running = await openRunningContext(browser);
      // The running browser's first visit fills its cache and is not a warm join.
      const warm = (await measureWarmJoins(running, viewerUrl, RUNS.warmJoins + 1)).slice(1);
      await running.close();
      samples.beam_ttff_fresh = ttffOf(fresh);
      samples.beam_ttff_warm = ttffOf(warm);
      phases.beam_fresh = phaseMedians(fresh);
      phases.beam_warm = phaseMedians(warm);
      log(`TTFF: fresh ${median(ttffOf(fresh)).toFixed(0)} ms, warm ${median(ttffOf(warm)).toFixed(0)} ms`);
      const floors = (navigationMs: number) => ({ navigationMs, webRtcMs: webRtcFloor });
      figures.push(...ttffFigures("fresh", ttffOf(fresh), floors(navigation.fresh)));
      figures.push(...ttffFigures("warm", ttffOf(warm), floors(navigation.warm)));
    }
    if (parts.has("join-overhead")) {
      const overhead = await measureJoinOverhead(browser, stack, viewerUrl, RUNS.joins);
      samples.beam_ttff_40ms = ttffOf(overhead.beam);
      samples.baseline_ttff_40ms = ttffOf(overhead.baseline);
      phases.beam_40ms = phaseMedians(overhead.beam);
      phases.baseline_40ms = phaseMedians(overhead.baseline);
      figures.push(joinOverheadFigure(overhead, webRtcFloor));
    }
    if (parts.has("crowd")) {
      const rounds = await measureCrowds(browser, stack.emulator, viewerUrl, log);
      for (const size of new Set(CROWD_ROUNDS)) {
        const played = crowdJoins(rounds, size).filter((j): j is Join => j !== null);
        samples[`crowd_${size}_ttff`] = ttffOf(played);
        phases[`crowd_${size}`] = phaseMedians(played);
      }
      figures.push(...crowdFigures(rounds));
    }
    if (parts.has("media")) {
      // A failed load run keeps the figures above; the table shows it as not measured.
      const load = await measureMediaLoad(
        sharer,
        viewers,
        viewerUrl,
        RUNS.loadViewers,
        RUNS.loadSeconds,
      ).catch((error: Error) => error);
      if (!(load instanceof Error)) {
        samples.viewer_fps = load.fps;
        log(`media under load: ${load.fps.map((f) => f.toFixed(1)).join(", ")} fps`);
      }
      figures.push(...mediaLoadFigures(load, RUNS.loadViewers, RUNS.loadSeconds));
    }
    return figures;
  } finally {
    await viewers?.close().catch(() => {});
    await sharer?.close().catch(() => {});
    await testPage?.close().catch(() => {});
    await stack?.close().catch(() => {});
  }
}
