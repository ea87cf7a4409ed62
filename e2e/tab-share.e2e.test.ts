import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness/artifacts";
import type { BeamServer } from "./harness/beam-server";
import { openIdlePopup, readViewerLink, startShare } from "./harness/popup";
import { type ShareStack, startShareStack } from "./harness/share-stack";
import type { SharerBrowser } from "./harness/sharer-browser";
import { TEST_PAGE_RGB, type TestPageServer } from "./harness/test-page";
import type { ViewerBrowser } from "./harness/viewer-browser";
import { waitFor } from "./harness/wait";

/** Codecs shift colours a little; magenta stays far from anything else at this distance. */
const COLOUR_TOLERANCE = 40;

describe("tab share", () => {
  let server: BeamServer;
  let testPage: TestPageServer;
  let sharer: SharerBrowser;
  let viewerBrowser: ViewerBrowser;

  let stack: ShareStack | undefined;

  beforeAll(async () => {
    stack = await startShareStack();
    ({ server, testPage, sharer, viewerBrowser } = stack);
  });

  afterAll(() => stack?.close());

  it("a viewer sees the shared tab's animated content", async () => {
    const tab = await sharer.openTab(`${testPage.url}?tab`);
    const { viewerUrl } = await startShare(sharer, tab, "Share this tab");
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
      const isPageColour = (rgb: number[]) =>
        rgb.every((value, i) => Math.abs(value - (TEST_PAGE_RGB[i] ?? 0)) <= COLOUR_TOLERANCE);
      await waitFor("the tab's colour in the viewer's video", async () => {
        pixel = await viewer.centrePixel();
        return isPageColour(pixel);
      }).catch(() => {});
      console.log(
        `viewer centre pixel rgb(${pixel.join(", ")}); the page paints rgb(${TEST_PAGE_RGB.join(", ")})`,
      );
      expect(pixel).toSatisfy(isPageColour);
      await screenshot(viewer.page, "viewer-live-tab");

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

  it("refuses a page Chrome does not let extensions capture, in a sentence", async () => {
    const tab = await sharer.openTab("chrome://version/");
    const popup = await openIdlePopup(sharer, tab);
    try {
      await popup.getByRole("button", { name: "Share this tab" }).click();
      await popup.getByText("Chrome doesn't allow sharing this page").waitFor({ timeout: 10_000 });
      await screenshot(popup, "popup-error");
    } finally {
      await tab.close();
    }
  });
});
