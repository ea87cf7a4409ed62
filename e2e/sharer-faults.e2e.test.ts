import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness/artifacts";
import { type BeamStack, startBeamStack } from "./harness/beam-server";
import { joinAsViewer, visit } from "./harness/churn-viewer";
import {
  crashBrowser,
  type MasterProbe,
  probeMaster,
  stopServiceWorker,
  storedShare,
} from "./harness/extension-internals";
import { configureServer } from "./harness/options-page";
import { requireBuiltExtension } from "./harness/paths";
import { popupViewerCount, readViewerLink, startShare } from "./harness/popup";
import { launchSharerBrowser, type SharerBrowser } from "./harness/sharer-browser";
import { startTestPage, type TestPageServer } from "./harness/test-page";
import { launchViewerBrowser, type Viewer, type ViewerBrowser } from "./harness/viewer-browser";
import { waitFor } from "./harness/wait";

const CHURN_CYCLES = 100;
const CHURN_PARALLEL = 4;

/**
 * Faults around one live camera share, in order: its signaling socket dropped, a GO_AWAY, a viewer
 * reloading, the service worker stopped, 100 viewers coming and going, and finally the sharer's
 * browser crashing under a watching viewer (a browser closed normally usually ends the capture
 * first, and viewers then hear "ended" as on Stop).
 */
describe("a live share survives faults", () => {
  let server: BeamStack;
  let testPage: TestPageServer;
  let sharer: SharerBrowser;
  let viewerBrowser: ViewerBrowser;
  let master: MasterProbe;
  let tab: Page;
  let viewerUrl: string;
  let arn: string;
  let watching: Viewer;
  const viewers: Viewer[] = [];

  const framesRise = async (viewer: Viewer, by = 20) => {
    const from = (await viewer.inboundVideo()).framesDecoded;
    await waitFor(
      `${by} more decoded frames`,
      async () => (await viewer.inboundVideo()).framesDecoded >= from + by,
    );
  };
  const openViewer = async () => {
    const viewer = await viewerBrowser.open(viewerUrl);
    viewers.push(viewer);
    await viewer.waitForFrames();
    return viewer;
  };
  /** Waits for the emulator to see a master connection newer than `since`; returns when (ms epoch). */
  const masterReconnected = (since: number) =>
    waitFor(
      "the master to reconnect to the emulator",
      () => {
        const at = server.emulator.masterConnectedAt(arn);
        return at !== undefined && at > since && at;
      },
      { intervalMs: 10, timeoutMs: 20_000 },
    );

  beforeAll(async () => {
    // 100 viewers in quick succession exceed KVS's per-channel connect rate and the master socket's
    // answer and candidate rates (5 and 20 per second); those quotas are not under test here.
    server = await startBeamStack({
      emulatorLimits: {
        connectsPerSecondPerChannel: 0,
        viewersPerChannel: 50,
        messagesPerSecond: { SDP_OFFER: 0, SDP_ANSWER: 0, ICE_CANDIDATE: 0 },
      },
    });
    testPage = await startTestPage();
    sharer = await launchSharerBrowser(requireBuiltExtension());
    viewerBrowser = await launchViewerBrowser();
    await configureServer(sharer, server.url);
    tab = await sharer.openTab(`${testPage.url}?faults`);
    ({ viewerUrl } = await startShare(sharer, tab, "Share camera"));
    arn = await server.channelArnOf(viewerUrl);
    master = await probeMaster(sharer);
    watching = await openViewer();
  });

  afterAll(async () => {
    master?.close();
    await viewerBrowser?.close();
    await sharer?.close();
    await testPage?.close();
    await server?.close();
  });

  it("a dropped signaling socket: media keeps flowing, the master reconnects, a new viewer joins", async () => {
    const before = server.emulator.masterConnectedAt(arn) as number;
    const dropped = Date.now();
    server.emulator.dropConnections(arn, "MASTER");
    const reconnected = await masterReconnected(before);
    console.log(`master reconnected ${reconnected - dropped} ms after its signaling socket dropped`);
    expect(reconnected - dropped).toBeLessThan(10_000);
    await framesRise(watching);
    expect(await watching.state()).toBe("live");
    await openViewer();
  });

  it("GO_AWAY: the master reconnects before the emulator closes the old socket", async () => {
    const before = server.emulator.masterConnectedAt(arn) as number;
    const sent = Date.now();
    server.emulator.goAway(arn);
    const reconnected = await masterReconnected(before);
    // The emulator's grace is KVS's 60 s, so a reconnect this early was the master's own doing.
    console.log(`master reconnected ${reconnected - sent} ms after GO_AWAY`);
    expect(reconnected - sent).toBeLessThan(server.emulator.limits.goAwayGraceMs / 2);
    await waitFor("the old master socket to close", () => server.emulator.connections(arn).masters === 1);
    await framesRise(watching);
    const late = await openViewer();
    await late.close();
    viewers.splice(viewers.indexOf(late), 1);
  });

  it("a viewer reloading its page rejoins, and the master holds one connection for it", async () => {
    await waitFor("the master to hold one connection per viewer", async () =>
      (await master.peerConnections()).open === viewers.length ? true : undefined,
    );
    await watching.page.reload();
    await watching.waitForState("live", 20_000);
    await watching.waitForFrames();
    const counted = await waitFor("the master to count the reloaded viewer once", async () => {
      const { open } = await master.peerConnections();
      const { peers } = await storedShare(sharer);
      return open === viewers.length && peers === viewers.length && { open, peers };
    });
    console.log(`after a reload: ${counted.open} open peer connections, ${counted.peers} viewers counted`);
  });

  it("a stopped service worker: the share goes on, the popup shows it, the count still updates", async () => {
    await stopServiceWorker(sharer);
    await framesRise(watching);
    const popup = await sharer.openPopup(tab);
    expect(await readViewerLink(popup)).toBe(viewerUrl);
    await waitFor(
      "the popup to count the viewers",
      async () => (await popupViewerCount(popup)) === viewers.length,
    );
    const leaving = viewers.pop() as Viewer;
    await leaving.close();
    await waitFor(
      "the popup to count one viewer fewer",
      async () => (await popupViewerCount(popup)) === viewers.length,
    );
    expect(await sharer.badgeText()).toBe(String(viewers.length));
    expect(await watching.state()).toBe("live");
    await popup.close();
  });

  it(`${CHURN_CYCLES} viewers joining and leaving leave no peer connection behind and bounded memory`, async () => {
    await watching.close();
    for (const viewer of viewers.splice(0)) await viewer.close();
    await waitFor("the master to have no viewers", async () => (await storedShare(sharer)).peers === 0);
    const page = await (await viewerBrowser.browser.newContext()).newPage();
    await visit(page, await joinAsViewer(viewerUrl)); // warms up code paths before the baseline
    await waitFor("the warm-up viewer to be gone", async () => (await master.peerConnections()).open === 0);
    const heapBefore = await master.heapUsedBytes();
    const started = Date.now();
    const durations: number[] = [];
    await Promise.all(
      Array.from({ length: CHURN_PARALLEL }, async () => {
        for (let i = 0; i < CHURN_CYCLES / CHURN_PARALLEL; i++) {
          durations.push(await visit(page, await joinAsViewer(viewerUrl)));
        }
      }),
    );
    const churned = Date.now() - started;
    const left = await waitFor("every churned viewer to be dropped", async () => {
      const pcs = await master.peerConnections();
      return pcs.open === 0 && (await storedShare(sharer)).peers === 0 && pcs;
    });
    const heapAfter = await master.heapUsedBytes();
    await page.context().close();
    const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
    durations.sort((a, b) => a - b);
    console.log(
      `${durations.length} join/leave cycles in ${churned} ms (median visit ${Math.round(durations[durations.length >> 1] ?? 0)} ms); ` +
        `master heap ${mb(heapBefore)} → ${mb(heapAfter)} MB; ${left.total} peer connection objects left after GC, ${left.open} open`,
    );
    expect(durations).toHaveLength(CHURN_CYCLES);
    expect(heapAfter - heapBefore).toBeLessThan(16 * 2 ** 20);
    expect(left.total).toBeLessThan(CHURN_CYCLES / 2);
  }, 120_000);

  it("the sharer's browser crashing: a watching viewer is told the sharer is gone", async () => {
    const viewer = await openViewer();
    const crashed = Date.now();
    await crashBrowser(sharer);
    await viewer.waitForState("reconnecting", 30_000);
    await viewer.waitForState("error", 45_000);
    console.log(
      `the viewer showed the sharer gone ${Date.now() - crashed} ms after the sharer's browser crashed`,
    );
    await viewer.page.getByText("The sharer isn't answering").waitFor();
    await screenshot(viewer.page, "viewer-sharer-gone");
  }, 90_000);
});
