import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactPath, screenshot } from "./harness/artifacts";
import { type BeamStack, startBeamStack } from "./harness/beam-server";
import { type FirefoxBrowser, launchFirefox } from "./harness/firefox";
import { openFirefoxViewer } from "./harness/firefox-viewer";
import { configureServer } from "./harness/options-page";
import { requireBuiltExtension } from "./harness/paths";
import { startShare } from "./harness/popup";
import { launchSharerBrowser, type SharerBrowser } from "./harness/sharer-browser";
import { isTestPageColour, startTestPage, TEST_PAGE_TITLE, type TestPageServer } from "./harness/test-page";
import { launchViewerBrowser, type ViewerBrowser } from "./harness/viewer-browser";
import { waitFor } from "./harness/wait";

/**
 * *Share screen or window*: the offscreen document's getDisplayMedia, with Chromium's picker answered
 * by `--auto-select-desktop-capture-source` (headless Chromium has no screens, so it picks the test
 * page's tab by its title). Watched in Chromium and in Firefox ESR at once.
 */
describe("screen or window share", () => {
  let server: BeamStack;
  let testPage: TestPageServer;
  let sharer: SharerBrowser;
  let viewerBrowser: ViewerBrowser;
  let firefox: FirefoxBrowser;

  beforeAll(async () => {
    server = await startBeamStack();
    testPage = await startTestPage();
    sharer = await launchSharerBrowser(requireBuiltExtension(), [
      `--auto-select-desktop-capture-source=${TEST_PAGE_TITLE}`,
    ]);
    viewerBrowser = await launchViewerBrowser();
    firefox = await launchFirefox();
    await configureServer(sharer, server.url);
  });

  afterAll(async () => {
    await firefox?.close();
    await viewerBrowser?.close();
    await sharer?.close();
    await testPage?.close();
    await server?.close();
  });

  it("shares what the picker chose; Chromium and Firefox viewers decode it; Stop ends both", async () => {
    const tab = await sharer.openTab(`${testPage.url}?screen`);
    const { popup, viewerUrl } = await startShare(sharer, tab, "Share screen or window");
    await popup.getByText("Sharing your screen or window").waitFor({ timeout: 5_000 });
    await screenshot(popup, "popup-live-screen");

    const chromiumViewer = await viewerBrowser.open(viewerUrl);
    const firefoxViewer = await openFirefoxViewer(firefox.browser, viewerUrl);
    try {
      await chromiumViewer.waitForState("live", 20_000);
      const first = await chromiumViewer.waitForFrames();
      expect(first.width).toBeGreaterThan(0);
      let pixel: number[] = [];
      await waitFor("the picked page's colour in the viewer's video", async () => {
        pixel = await chromiumViewer.centrePixel();
        return isTestPageColour(pixel);
      }).catch(() => {});
      expect(pixel).toSatisfy(isTestPageColour);

      await firefoxViewer.waitForState("live", 20_000);
      const inFirefox = await firefoxViewer.waitForFrames();
      console.log(
        `Firefox viewer: ${inFirefox.stats.framesDecoded} frames decoded, ${inFirefox.width}×${inFirefox.height}, remote ${inFirefox.stats.remoteAddress}`,
      );
      expect(inFirefox.width).toBeGreaterThan(0);
      expect(inFirefox.stats.remoteAddress).toMatch(/^(127\.0\.0\.1|::1)$/);
      await waitFor(
        "Firefox to keep decoding frames",
        async () => (await firefoxViewer.inboundVideo()).framesDecoded > inFirefox.stats.framesDecoded + 5,
      );
      await firefoxViewer.page.screenshot({ path: artifactPath("firefox-viewer-live") });

      await popup.getByRole("button", { name: "Stop sharing" }).click();
      await chromiumViewer.waitForState("ended", 10_000);
      await firefoxViewer.waitForState("ended", 10_000);
    } finally {
      await firefoxViewer.close();
      await chromiumViewer.close();
    }
  });
});
