import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness/artifacts";
import type { BeamStack } from "./harness/beam-server";
import { waitForCopiedLink, writeClipboard } from "./harness/clipboard";
import { popupViewerCount, readViewerLink } from "./harness/popup";
import { type ShareStack, startShareStack } from "./harness/share-stack";
import type { SharerBrowser } from "./harness/sharer-browser";
import type { TestPageServer } from "./harness/test-page";
import type { Viewer, ViewerBrowser } from "./harness/viewer-browser";
import { waitFor } from "./harness/wait";

/**
 * One camera share, followed through its life: started from the popup, watched by one then three
 * viewers, one leaves, then stopped. The steps share one share, so they run in order.
 */
describe("camera share, from the toolbar to stop", () => {
  let server: BeamStack;
  let testPage: TestPageServer;
  let sharer: SharerBrowser;
  let viewerBrowser: ViewerBrowser;
  let popup: Page;
  let viewerUrl: string;
  const viewers: Viewer[] = [];

  let stack: ShareStack | undefined;

  beforeAll(async () => {
    stack = await startShareStack();
    ({ server, testPage, sharer, viewerBrowser } = stack);
  });

  afterAll(() => stack?.close());

  it("shares the camera from the popup and a viewer decodes its frames", async () => {
    const tab = await sharer.openTab(`${testPage.url}?camera`);
    popup = await sharer.openPopup(tab);
    await popup.getByRole("button", { name: "Share camera" }).waitFor();
    await screenshot(popup, "popup-idle");

    await writeClipboard(sharer, tab, "nothing copied yet");
    await popup.getByRole("button", { name: "Share camera" }).click();
    // The link is on the clipboard with no click on Copy link, read back from an ordinary page.
    viewerUrl = await waitForCopiedLink(sharer, tab);
    expect(viewerUrl.startsWith(`${server.url}/v/`)).toBe(true);
    // A camera share keeps the popup open: it shows the same link, and says it is copied.
    expect(await readViewerLink(popup)).toBe(viewerUrl);
    await popup.getByText("Link copied").waitFor({ timeout: 5_000 });
    await screenshot(popup, "popup-link-copied");

    const viewer = await viewerBrowser.open(viewerUrl);
    viewers.push(viewer);
    await viewer.waitForState("live", 20_000);
    const { stats, width, height } = await viewer.waitForFrames();
    expect(stats.framesDecoded).toBeGreaterThan(0);
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    expect(stats.remoteAddress).toMatch(/^(127\.0\.0\.1|::1)$/);
    // The inline script's connection is the page's only one: the bundle took it over, made none.
    expect(await viewer.peerConnectionCount()).toBe(1);

    await waitFor("the popup to count the viewer", async () => (await popupViewerCount(popup)) === 1);
    await popup.getByRole("button", { name: "Copy link" }).click();
    expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe(viewerUrl);
    await screenshot(popup, "popup-live");
    await screenshot(viewer.page, "viewer-live");

    await viewer.page.getByRole("button", { name: "Stats" }).click();
    const statsPanel = viewer.page.getByRole("region", { name: "Connection statistics" });
    await waitFor("the stats overlay to show the resolution and a direct connection", async () => {
      const text = (await statsPanel.textContent()) ?? "";
      return /\d+×\d+/.test(text) && text.includes("Direct");
    });
    await screenshot(viewer.page, "viewer-stats");
  });

  it("counts three viewers in the popup and the badge, then two when one leaves", async () => {
    expect(viewerUrl).toBeDefined();
    for (const _ of [1, 2]) viewers.push(await viewerBrowser.open(viewerUrl));
    await Promise.all(viewers.map((viewer) => viewer.waitForFrames()));

    await waitFor("the popup to show 3 viewers", async () => (await popupViewerCount(popup)) === 3);
    await waitFor("the badge to show 3", async () => (await sharer.badgeText()) === "3");

    const leaving = viewers.pop() as Viewer;
    const left = Date.now();
    await leaving.close();
    await waitFor("the popup to show 2 viewers", async () => (await popupViewerCount(popup)) === 2);
    await waitFor("the badge to show 2", async () => (await sharer.badgeText()) === "2");
    console.log(`the popup and badge counted the leaving viewer after ${Date.now() - left} ms`);
  });

  it("Stop tells every viewer the share ended, over its own connection, and deletes the channel", async () => {
    expect(viewers.length).toBe(2);
    const sessionId = new URL(viewerUrl).pathname.split("/").pop() as string;
    const sessionChannels = async () =>
      (await server.channelNames()).filter((name) => name.includes(sessionId));
    expect(await sessionChannels()).toHaveLength(1);

    const joinsBefore = viewers.map((viewer) => viewer.joinStatuses().length);
    const clicked = Date.now();
    await popup.getByRole("button", { name: "Stop sharing" }).click();
    const endedAfter = await Promise.all(
      viewers.map(async (viewer) => {
        await viewer.waitForState("ended", 10_000);
        return Date.now() - clicked;
      }),
    );
    const slowest = Math.max(...endedAfter);
    console.log(`viewers ended ${endedAfter.join(" ms, ")} ms after Stop (slowest ${slowest} ms)`);
    // Told by the sharer's message, not found out by a rejoin that failed: no page asked to join again.
    expect(viewers.map((viewer) => viewer.joinStatuses().length)).toEqual(joinsBefore);
    await screenshot(viewers[0]?.page as Page, "viewer-ended");

    await waitFor(
      "the emulator to drop the session's channel",
      async () => (await sessionChannels()).length === 0,
      {
        timeoutMs: 5_000,
      },
    );
  });
});
