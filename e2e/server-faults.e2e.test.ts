import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness/artifacts";
import { type BeamStack, startBeamStack } from "./harness/beam-server";
import { joinAsViewer, visit } from "./harness/churn-viewer";
import { storedShare } from "./harness/extension-internals";
import { configureServer } from "./harness/options-page";
import { requireBuiltExtension } from "./harness/paths";
import { startShare } from "./harness/popup";
import { launchSharerBrowser, type SharerBrowser } from "./harness/sharer-browser";
import { startTestPage, type TestPageServer } from "./harness/test-page";
import { launchViewerBrowser, type Viewer, type ViewerBrowser } from "./harness/viewer-browser";
import { waitFor } from "./harness/wait";

/** KVS's 10 min idle timeout and 1 h connection limit, shortened. */
const SHORT_LIMITS = { idleTimeoutMs: 3_000, maxConnectionMs: 6_000, goAwayGraceMs: 1_000 };

/** Faults outside the browser: the token server going away and coming back, and KVS's own timeouts. */
describe("a live share survives its servers", () => {
  let testPage: TestPageServer;
  let sharer: SharerBrowser;
  let viewerBrowser: ViewerBrowser;
  const servers: BeamStack[] = [];
  const viewers: Viewer[] = [];

  const framesRise = async (viewer: Viewer, by = 20) => {
    const from = (await viewer.inboundVideo()).framesDecoded;
    await waitFor(
      `${by} more decoded frames`,
      async () => (await viewer.inboundVideo()).framesDecoded >= from + by,
    );
  };
  const watch = async (viewerUrl: string) => {
    const viewer = await viewerBrowser.open(viewerUrl);
    viewers.push(viewer);
    await viewer.waitForFrames();
    return viewer;
  };
  const shareOn = async (server: BeamStack) => {
    servers.push(server);
    await configureServer(sharer, server.url);
    const tab = await sharer.openTab(`${testPage.url}?share-${servers.length}`);
    const { popup, viewerUrl } = await startShare(sharer, tab, "Share camera");
    return { popup, viewerUrl, arn: await server.channelArnOf(viewerUrl) };
  };
  const badgeTitle = async () =>
    (await sharer.serviceWorker()).evaluate<string>("chrome.action.getTitle({})");

  beforeAll(async () => {
    testPage = await startTestPage();
    sharer = await launchSharerBrowser(requireBuiltExtension());
    viewerBrowser = await launchViewerBrowser();
  });

  afterAll(async () => {
    await viewerBrowser?.close();
    await sharer?.close();
    await testPage?.close();
    for (const server of servers) await server.close();
  });

  it("the token server restarts: viewers keep watching, the popup shows reconnecting and recovers, new viewers join, Stop works without it", async () => {
    const server = await startBeamStack();
    const { popup, viewerUrl, arn } = await shareOn(server);
    const watching = await watch(viewerUrl);

    await server.stopTokenServer();
    await framesRise(watching);
    expect((await storedShare(sharer)).status).toBe("live");

    // The master needs the server only to reconnect its signaling; make it need it now.
    const before = server.emulator.masterConnectedAt(arn) as number;
    server.emulator.dropConnections(arn, "MASTER");
    await popup.getByText("Reconnecting…").waitFor({ timeout: 10_000 });
    expect(await badgeTitle()).toContain("reconnecting");
    await screenshot(popup, "popup-server-down");
    await framesRise(watching);
    expect(await watching.state()).toBe("live");

    const restarted = Date.now();
    await server.startTokenServer();
    await waitFor("the master to reconnect", () => (server.emulator.masterConnectedAt(arn) ?? 0) > before, {
      timeoutMs: 20_000,
    });
    await popup.getByText("Reconnecting…").waitFor({ state: "hidden", timeout: 10_000 });
    console.log(`the popup was live again ${Date.now() - restarted} ms after the token server restarted`);
    expect(await badgeTitle()).toContain("live");
    await watch(viewerUrl);
    await framesRise(watching);

    // Stop needs no server: viewers hear it on the data channel.
    await server.stopTokenServer();
    await popup.getByRole("button", { name: "Stop sharing" }).click();
    await Promise.all(viewers.map((viewer) => viewer.waitForState("ended", 10_000)));
    for (const viewer of viewers.splice(0)) await viewer.close();
  });

  it("KVS closes idle and hour-old signaling connections: the share outlives both, a late viewer gets in", async () => {
    const server = await startBeamStack({ emulatorLimits: SHORT_LIMITS });
    const { popup, viewerUrl, arn } = await shareOn(server);
    const watching = await watch(viewerUrl);
    const lifetimes: number[] = [];
    const masterSince = () => server.emulator.masterConnectedAt(arn) ?? 0;
    const nextMaster = async (since: number) => {
      const at = await waitFor("a new master connection", () => masterSince() > since && masterSince(), {
        intervalMs: 20,
        timeoutMs: 20_000,
      });
      lifetimes.push(at - since);
      return at;
    };

    // A connection replaced before its GO_AWAY point can only have been closed by the idle timer.
    const goAwayAt = SHORT_LIMITS.maxConnectionMs - SHORT_LIMITS.goAwayGraceMs;
    let since = masterSince();
    do since = await nextMaster(since);
    while ((lifetimes.at(-1) ?? 0) >= goAwayAt - 100);
    // Busy: viewers keep arriving, so only the connection limit (GO_AWAY, then close) can end it.
    const page = await (await viewerBrowser.browser.newContext()).newPage();
    let busy = true;
    const visits = (async () => {
      while (busy) {
        await visit(page, await joinAsViewer(viewerUrl));
        // KVS admits 3 viewer connects per second per channel.
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    visits.catch(() => {}); // its failure surfaces where it is awaited
    do since = await nextMaster(since);
    while ((lifetimes.at(-1) ?? 0) < goAwayAt - 100);
    busy = false;
    await visits;
    await page.context().close();
    console.log(`master connections lived ${lifetimes.join(" ms, ")} ms before KVS replaced them`);

    await framesRise(watching);
    expect(await watching.state()).toBe("live");
    expect((await storedShare(sharer)).status).toBe("live");
    await watch(viewerUrl);
    await popup.getByRole("button", { name: "Stop sharing" }).click();
    await Promise.all(viewers.map((viewer) => viewer.waitForState("ended", 10_000)));
  }, 90_000);
});
