import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness/artifacts";
import { measureReceivedAudio } from "./harness/audio-level";
import type { BeamStack } from "./harness/beam-server";
import { openIdlePopup, readViewerLink, startShare } from "./harness/popup";
import { type ShareStack, startShareStack } from "./harness/share-stack";
import type { SharerBrowser } from "./harness/sharer-browser";
import { isTestPageColour, TEST_PAGE_RGB, type TestPageServer, TONE_HZ } from "./harness/test-page";
import type { ViewerBrowser } from "./harness/viewer-browser";
import { waitFor } from "./harness/wait";

describe("tab share", () => {
  let server: BeamStack;
  let testPage: TestPageServer;
  let sharer: SharerBrowser;
  let viewerBrowser: ViewerBrowser;

  let stack: ShareStack | undefined;

  beforeAll(async () => {
    stack = await startShareStack();
    ({ server, testPage, sharer, viewerBrowser } = stack);
  });

  afterAll(() => stack?.close());

  it("a viewer sees and hears the shared tab; the link was copied and the popup comes back live", async () => {
    const tab = await sharer.openTab(`${testPage.url}?tab&tone`);
    const { viewerUrl, popup } = await startShare(sharer, tab, "Share this tab");
    // Chromium 156 closes the popup when the capture starts; Beam reopened it, saying the link is copied.
    expect(await readViewerLink(popup)).toBe(viewerUrl);
    await popup.getByText("Link copied").waitFor({ timeout: 5_000 });
    await screenshot(popup, "popup-link-copied-tab");
    const viewer = await viewerBrowser.open(viewerUrl);
    try {
      await viewer.waitForState("live", 20_000);
      const first = await viewer.waitForFrames();
      expect(first.width).toBeGreaterThan(0);
      expect(first.height).toBeGreaterThan(0);
      // The page animates, so frames keep coming.
      await waitFor(
        "more frames from the animated tab",
        async () => (await viewer.inboundVideo()).framesDecoded > first.stats.framesDecoded + 5,
      );
      let pixel: number[] = [];
      await waitFor("the tab's colour in the viewer's video", async () => {
        pixel = await viewer.centrePixel();
        return isTestPageColour(pixel);
      }).catch(() => {});
      console.log(
        `viewer centre pixel rgb(${pixel.join(", ")}); the page paints rgb(${TEST_PAGE_RGB.join(", ")})`,
      );
      expect(pixel).toSatisfy(isTestPageColour);
      await screenshot(viewer.page, "viewer-live-tab");

      // The tab's 440 Hz tone, measured on the stream the viewer received.
      const sound = await viewer.page.evaluate(measureReceivedAudio, 2_000);
      console.log(`viewer audio: RMS ${sound.rms.toFixed(3)}, loudest at ${sound.peakHz.toFixed(0)} Hz`);
      expect(sound.rms).toBeGreaterThan(0.05);
      expect(Math.abs(sound.peakHz - TONE_HZ)).toBeLessThan(25);

      // Reopening the popup during a share shows the live share again.
      const reopened = await sharer.openPopup(tab);
      expect(await readViewerLink(reopened)).toBe(viewerUrl);
      await reopened.getByRole("button", { name: "Stop sharing" }).click();
      await viewer.waitForState("ended", 10_000);
    } finally {
      await viewer.close();
    }
  });

  it("closing the shared tab ends the share for its viewers and deletes the channel", async () => {
    const tab = await sharer.openTab(`${testPage.url}?closing`);
    const { viewerUrl } = await startShare(sharer, tab, "Share this tab");
    const sessionId = new URL(viewerUrl).pathname.split("/").pop() as string;
    const viewer = await viewerBrowser.open(viewerUrl);
    try {
      await viewer.waitForFrames();
      expect((await server.channelNames()).some((name) => name.includes(sessionId))).toBe(true);
      await tab.close();
      await viewer.waitForState("ended", 10_000);
      await waitFor("the emulator to drop the session's channel", async () =>
        (await server.channelNames()).every((name) => !name.includes(sessionId)),
      );
    } finally {
      await viewer.close();
    }
  });

  it("refuses a page Beam will not capture (another extension page), in a sentence", async () => {
    // Chromium 156 captures chrome:// pages after a toolbar click (measured: tabCapture gives a stream
    // id and frames flow), so the page Beam refuses is an extension page, whose URL it can read.
    const tab = await sharer.openExtensionPage("options.html");
    const popup = await openIdlePopup(sharer, tab);
    try {
      await popup.getByRole("button", { name: "Share this tab" }).click();
      await popup.getByText("Extension and browser pages can't be shared").waitFor({ timeout: 10_000 });
      await screenshot(popup, "popup-error");
    } finally {
      await tab.close();
    }
  });
});
