import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness/artifacts";
import { type BeamStack, startBeamStack } from "./harness/beam-server";
import { configureServer } from "./harness/options-page";
import { requireBuiltExtension } from "./harness/paths";
import { startShare } from "./harness/popup";
import { launchSharerBrowser, type SharerBrowser } from "./harness/sharer-browser";
import { startTestPage, type TestPageServer } from "./harness/test-page";
import { launchViewerBrowser, type Viewer, type ViewerBrowser } from "./harness/viewer-browser";

/** A name for this machine as other devices on the LAN would use it; both browsers resolve it to loopback. */
const LAN_NAME = "beam.lan";
const RESOLVE_LAN_NAME = `--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`;
/**
 * A page without camera permission hides its host candidates behind mDNS names; on a real LAN the
 * sharer resolves them, but this loopback-only namespace has no multicast, and on a non-localhost
 * origin gathering then stalls. The sharer's plain candidates are enough, as they are on a LAN.
 */
const NO_MDNS_CANDIDATES = "--disable-features=WebRtcHideLocalIpsWithMdns";
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

/**
 * A viewer on another device: the link carries PUBLIC_URL's host, the page is served over plain HTTP
 * from a name that is not localhost (so not a secure context), and the phone-sized page plays.
 */
describe("viewer on the local network, on a phone", () => {
  let server: BeamStack;
  let testPage: TestPageServer;
  let sharer: SharerBrowser;
  let viewers: ViewerBrowser;
  let viewer: Viewer;

  beforeAll(async () => {
    server = await startBeamStack({ publicHost: LAN_NAME });
    testPage = await startTestPage();
    sharer = await launchSharerBrowser(requireBuiltExtension(), [RESOLVE_LAN_NAME]);
    viewers = await launchViewerBrowser([RESOLVE_LAN_NAME, NO_MDNS_CANDIDATES]);
    await configureServer(sharer, server.url);
  });

  afterAll(async () => {
    await viewer?.close();
    await viewers?.close();
    await sharer?.close();
    await testPage?.close();
    await server?.close();
  });

  it("plays a link opened from a plain-HTTP LAN origin, which is not a secure context", async () => {
    const tab = await sharer.openTab(`${testPage.url}?camera`);
    const { viewerUrl } = await startShare(sharer, tab, "Share camera");
    expect(new URL(viewerUrl).origin).toMatch(new RegExp(`^http://${LAN_NAME.replace(".", "\\.")}:\\d+$`));

    viewer = await viewers.open(viewerUrl, PHONE);
    const origin = await viewer.page.evaluate(() => ({
      host: location.hostname,
      secure: window.isSecureContext,
      subtle: typeof crypto.subtle,
    }));
    expect(origin).toEqual({ host: LAN_NAME, secure: false, subtle: "undefined" });
    await viewer.waitForState("live", 30_000);
    const { stats } = await viewer.waitForFrames(30_000);
    expect(stats.framesDecoded).toBeGreaterThan(0);
  });

  it("fits a 390×844 touch screen: the video inside the viewport, every control on screen and tappable", async () => {
    expect(viewer).toBeDefined();
    const page = viewer.page;
    const video = await page.locator("video").boundingBox();
    expect(video).not.toBeNull();
    const box = video as { x: number; y: number; width: number; height: number };
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.viewport.width + 0.5);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.viewport.height + 0.5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.viewport.width,
    );

    for (const name of ["Unmute", "Stats"]) {
      const button = page.getByRole("button", { name });
      await expect(button.isVisible()).resolves.toBe(true);
      const b = (await button.boundingBox()) as { x: number; y: number; width: number; height: number };
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(PHONE.viewport.width);
      expect(b.y + b.height).toBeLessThanOrEqual(PHONE.viewport.height);
      // Apple and Google ask for touch targets of about 44–48 CSS px; 40 is the floor here.
      expect(Math.min(b.width, b.height)).toBeGreaterThanOrEqual(40);
    }

    await page.getByRole("button", { name: "Stats" }).tap();
    const panel = page.getByRole("region", { name: "Connection statistics" });
    await panel.waitFor({ state: "visible", timeout: 5_000 });
    const p = (await panel.boundingBox()) as { x: number; width: number };
    expect(p.x).toBeGreaterThanOrEqual(0);
    expect(p.x + p.width).toBeLessThanOrEqual(PHONE.viewport.width);
    await page.getByRole("button", { name: "Unmute" }).tap();
    await expect(page.evaluate(() => document.querySelector("video")?.muted)).resolves.toBe(false);
    await screenshot(page, "viewer-phone-lan");
  });
});
