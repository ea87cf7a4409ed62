import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness/artifacts";
import { livePopup, startShare } from "./harness/popup";
import { type ShareStack, startShareStack } from "./harness/share-stack";
import { shareState } from "./harness/share-state";
import type { SharerBrowser } from "./harness/sharer-browser";
import { isTestPageColour, type TestPageServer } from "./harness/test-page";
import type { Viewer, ViewerBrowser } from "./harness/viewer-browser";
import { waitFor } from "./harness/wait";

/**
 * One share, changed while live: camera → tab → another tab → camera on the same peer connection,
 * then pause and resume. The steps share one share and one viewer, so they run in order.
 */
describe("live controls: switch source and pause without reconnecting", () => {
  let testPage: TestPageServer;
  let sharer: SharerBrowser;
  let viewerBrowser: ViewerBrowser;
  let viewer: Viewer;
  let popup: Page;

  let stack: ShareStack | undefined;

  beforeAll(async () => {
    stack = await startShareStack();
    ({ testPage, sharer, viewerBrowser } = stack);
  });

  afterAll(() => stack?.close());

  const framesRise = async (what: string) => {
    const before = (await viewer.inboundVideo()).framesDecoded;
    await waitFor(what, async () => (await viewer.inboundVideo()).framesDecoded > before + 5);
  };

  it("switches a camera share to a tab on the same peer connection", async () => {
    const cameraTab = await sharer.openTab(`${testPage.url}?camera`);
    const started = await startShare(sharer, cameraTab, "Share camera");
    viewer = await viewerBrowser.open(started.viewerUrl);
    await viewer.waitForState("live", 20_000);
    await viewer.waitForFrames();
    expect(isTestPageColour(await viewer.centrePixel())).toBe(false);

    const tab = await sharer.openTab(`${testPage.url}?tab`);
    popup = await sharer.openPopup(tab);
    const clicked = Date.now();
    await popup.getByRole("button", { name: "Switch to tab" }).click();
    await waitFor(
      "the tab's colour in the viewer's video",
      async () => isTestPageColour(await viewer.centrePixel()),
      {
        timeoutMs: 10_000,
        intervalMs: 50,
      },
    );
    console.log(`camera → tab: the viewer showed the tab ${Date.now() - clicked} ms after the click`);
    await framesRise("frames to keep rising after the switch");
    expect(await viewer.peerConnectionCount()).toBe(1);
    expect(await viewer.state()).toBe("live");
    expect(await shareState(sharer)).toMatchObject({ status: "live", source: "tab" });
    // The tab capture may have closed the popup; Beam brings it back where Chrome allows.
    popup = await livePopup(sharer, tab);
    await screenshot(popup, "popup-live-controls");
  });

  it("shares another tab instead, then the camera again, still on one connection", async () => {
    const other = await sharer.openTab(`${testPage.url}?other`);
    popup = await sharer.openPopup(other);
    await popup.getByRole("button", { name: "Share this tab instead" }).click();
    await waitFor("the share to follow the other tab", async () => {
      const state = await shareState(sharer);
      return state.status === "live" && state.source === "tab" && state.tabId !== undefined;
    });
    await framesRise("frames from the other tab");
    expect(isTestPageColour(await viewer.centrePixel())).toBe(true);
    popup = await livePopup(sharer, other);

    const clicked = Date.now();
    await popup.getByRole("button", { name: "Switch to camera" }).click();
    await waitFor(
      "the camera picture in the viewer",
      async () => !isTestPageColour(await viewer.centrePixel()),
      {
        timeoutMs: 10_000,
        intervalMs: 50,
      },
    );
    console.log(`tab → camera: the viewer showed the camera ${Date.now() - clicked} ms after the click`);
    await framesRise("frames from the camera");
    expect(await viewer.peerConnectionCount()).toBe(1);
  });

  it("pause shows Paused and stops frames; resume brings them back", async () => {
    const clicked = Date.now();
    await popup.getByRole("button", { name: "Pause" }).click();
    await viewer.waitForState("paused", 5_000);
    console.log(`pause: the viewer showed Paused ${Date.now() - clicked} ms after the click`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const paused = (await viewer.inboundVideo()).framesDecoded;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await viewer.inboundVideo()).framesDecoded).toBe(paused);
    await screenshot(viewer.page, "viewer-paused");
    await screenshot(popup, "popup-paused");

    const resumed = Date.now();
    await popup.getByRole("button", { name: "Resume" }).click();
    await viewer.waitForState("live", 5_000);
    await waitFor("frames after resume", async () => (await viewer.inboundVideo()).framesDecoded > paused);
    console.log(`resume: frames rose again ${Date.now() - resumed} ms after the click`);
    await framesRise("frames to keep rising after resume");
    expect(await viewer.peerConnectionCount()).toBe(1);
  });

  it("shows the join timeline in the stats overlay", async () => {
    await viewer.page.getByRole("button", { name: "Stats" }).click();
    const panel = viewer.page.getByRole("region", { name: "Connection statistics" });
    await waitFor("every join phase in the overlay", async () => {
      const text = (await panel.textContent()) ?? "";
      return ["Credentials", "Signaling connected", "Answer received", "ICE connected", "First frame"].every(
        (label) => new RegExp(`${label}\\+\\d+ ms`).test(text),
      );
    });
    await screenshot(viewer.page, "viewer-join-timeline");
  });
});
