import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness/artifacts";
import { axeViolations } from "./harness/axe";
import type { BeamStack } from "./harness/beam-server";
import { focusIndicator, tabTo } from "./harness/keyboard";
import { openIdlePopup, readViewerLink } from "./harness/popup";
import { type ShareStack, startShareStack } from "./harness/share-stack";
import type { SharerBrowser } from "./harness/sharer-browser";
import type { TestPageServer } from "./harness/test-page";
import type { Viewer, ViewerBrowser } from "./harness/viewer-browser";

/**
 * Every page a person sees, checked by axe-core with no violation allowed, and driven with the
 * keyboard alone where it matters: one sharer browser, one camera share, followed in order.
 */
describe("accessibility", () => {
  let server: BeamStack;
  let testPage: TestPageServer;
  let sharer: SharerBrowser;
  let viewerBrowser: ViewerBrowser;
  let popup: Page;
  let viewer: Viewer;

  let stack: ShareStack | undefined;

  beforeAll(async () => {
    stack = await startShareStack();
    ({ server, testPage, sharer, viewerBrowser } = stack);
  });

  afterAll(() => stack?.close());

  it("options page: no violations, every field and button in tab order, focus visible", async () => {
    const page = await sharer.openExtensionPage("options.html");
    try {
      await page.getByLabel("Token server URL").waitFor();
      expect(await axeViolations(page)).toEqual([]);
      for (const target of [
        page.getByLabel("Token server URL"),
        page.getByLabel("API key"),
        page.getByLabel("Quality"),
        page.getByRole("checkbox", { name: /Ask before a viewer joins/ }),
        page.getByRole("checkbox", { name: /Copy the viewer link/ }),
        page.getByRole("button", { name: "Save" }),
        page.getByRole("button", { name: "Test connection" }),
      ])
        await tabTo(page, target);
      const test = page.getByRole("button", { name: "Test connection" });
      expect(await focusIndicator(test)).toMatchObject({ focusVisible: true, drawn: true });
      await page.keyboard.press("Enter");
      await page.getByText(/Connected to/).waitFor({ timeout: 10_000 });
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, "a11y-options-focus");
      await page.emulateMedia({ colorScheme: "dark" });
      expect(await axeViolations(page), "in dark mode").toEqual([]);
      await screenshot(page, "a11y-options-dark");
    } finally {
      await page.close();
    }
  });

  it("idle popup: no violations; Tab reaches Options and both share buttons; Space starts a share", async () => {
    const tab = await sharer.openTab(`${testPage.url}?a11y`);
    popup = await openIdlePopup(sharer, tab);
    expect(await axeViolations(popup)).toEqual([]);
    await popup.emulateMedia({ colorScheme: "dark" });
    expect(await axeViolations(popup), "in dark mode").toEqual([]);
    await screenshot(popup, "a11y-popup-idle-dark");
    await popup.emulateMedia({ colorScheme: "light" });
    await tabTo(popup, popup.getByRole("button", { name: "Options" }));
    await tabTo(popup, popup.getByRole("button", { name: "Share this tab" }));
    const camera = popup.getByRole("button", { name: "Share camera" });
    await tabTo(popup, camera);
    expect(await focusIndicator(camera)).toMatchObject({ focusVisible: true, drawn: true });
    await popup.keyboard.press("Space");
    const viewerUrl = await readViewerLink(popup);
    viewer = await viewerBrowser.open(viewerUrl);
    await viewer.waitForFrames();
  });

  it("live popup with a viewer in the list: no violations; the live controls are in tab order", async () => {
    const row = popup.locator(".viewer-list li").first();
    await row.waitFor({ timeout: 10_000 });
    await row.locator("summary").click();
    expect(await axeViolations(popup)).toEqual([]);
    await screenshot(popup, "a11y-popup-live-remove");
    await popup.locator("body").click({ position: { x: 1, y: 1 } });
    for (const name of ["Pause", "Mute audio", "Copy link", "New link", "Stop sharing"])
      await tabTo(popup, popup.getByRole("button", { name, exact: true }));
  });

  it("a viewer waiting to be let in: no violations in the popup or on the waiting page", async () => {
    const ask = popup.getByRole("checkbox", { name: /Ask before a viewer joins/ });
    await tabTo(popup, ask);
    await popup.keyboard.press("Space");
    await expect.poll(() => ask.isChecked(), { timeout: 5_000 }).toBe(true);
    const waiting = await viewerBrowser.open(await readViewerLink(popup));
    try {
      await waiting.waitForState("waiting");
      const allow = popup.getByRole("button", { name: /^Allow Viewer \d$/ });
      await allow.waitFor({ timeout: 10_000 });
      expect(await axeViolations(popup)).toEqual([]);
      expect(await axeViolations(waiting.page)).toEqual([]);
      await screenshot(popup, "a11y-popup-waiting-viewer");
      await screenshot(waiting.page, "a11y-viewer-waiting");
      await tabTo(popup, allow);
    } finally {
      await waiting.close();
    }
  });

  it("live viewer page: no violations with and without stats; controls by keyboard, focus visible", async () => {
    const page = viewer.page;
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, page.getByRole("button", { name: "Unmute" }));
    const stats = page.getByRole("button", { name: "Stats" });
    await tabTo(page, stats);
    expect(await focusIndicator(stats)).toMatchObject({ focusVisible: true, drawn: true });
    await page.keyboard.press("Enter");
    await expect.poll(() => stats.getAttribute("aria-expanded")).toBe("true");
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, page.getByRole("button", { name: "Fullscreen" }));
  });

  it("after Stop: the ended viewer page and the popup have no violations; stats are closed", async () => {
    await popup.getByRole("button", { name: "Stop sharing" }).click();
    await viewer.waitForState("ended");
    expect(await viewer.page.getByRole("region", { name: "Connection statistics" }).isVisible()).toBe(false);
    expect(await axeViolations(viewer.page)).toEqual([]);
    await screenshot(viewer.page, "a11y-viewer-ended");
    await popup.getByRole("button", { name: "Share again" }).waitFor();
    expect(await axeViolations(popup)).toEqual([]);
    await viewer.close();
  });

  it("an invalid link page has no violations", async () => {
    const invalid = await viewerBrowser.open(`${server.url}/v/nope`);
    try {
      await invalid.waitForState("invalid");
      expect(await axeViolations(invalid.page)).toEqual([]);
      await screenshot(invalid.page, "a11y-viewer-invalid");
    } finally {
      await invalid.close();
    }
  });

  it("a refused page: a heading that names it, no violations, the camera offered by keyboard", async () => {
    // Chromium 156 captures chrome:// pages after a toolbar click (measured: tabCapture gives a stream
    // id and frames flow), so the page Beam refuses is an extension page, whose URL it can read.
    const tab = await sharer.openExtensionPage("options.html");
    const refused = await openIdlePopup(sharer, tab);
    try {
      await refused.getByRole("button", { name: "Share this tab" }).click();
      await refused.getByText("This page can't be shared").waitFor({ timeout: 10_000 });
      expect(await axeViolations(refused)).toEqual([]);
      await screenshot(refused, "a11y-popup-refused");
      await tabTo(refused, refused.getByRole("button", { name: "Share camera instead" }));
      await tabTo(refused, refused.getByRole("button", { name: "Back" }));
    } finally {
      await tab.close();
    }
  });

  it("permission page, camera blocked (last: the block stays): no violations, *Ask again* reachable", async () => {
    const cdp = await sharer.context.browser()?.newBrowserCDPSession();
    if (!cdp) throw new Error("no browser CDP session");
    const camera = { origin: sharer.extensionOrigin, permission: { name: "camera" } };
    await cdp.send("Browser.setPermission", { ...camera, setting: "denied" });
    const page = await sharer.openExtensionPage("permission.html");
    try {
      const again = page.getByRole("button", { name: "Ask again" });
      await again.waitFor({ timeout: 10_000 });
      expect(await axeViolations(page)).toEqual([]);
      await tabTo(page, again);
      expect(await focusIndicator(again)).toMatchObject({ focusVisible: true, drawn: true });
      await screenshot(page, "a11y-permission-denied");
    } finally {
      await page.close();
      await cdp.detach();
    }
  });
});
