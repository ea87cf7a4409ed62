import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import webExt from "web-ext";
import { artifactPath } from "./harness/artifacts";
import { type BeamStack, startBeamStack } from "./harness/beam-server";
import { type FirefoxSharer, launchFirefoxSharer } from "./harness/firefox-sharer";
import { openFirefoxViewer } from "./harness/firefox-viewer";
import { clickButton, fillInput, inputValue, waitForText } from "./harness/page-text";
import { requireBuiltFirefoxExtension } from "./harness/paths";
import { waitFor } from "./harness/wait";

/**
 * The Firefox build (`wxt build -b firefox`, Manifest V2): `web-ext lint` finds no errors, and in
 * Firefox ESR, installed over WebDriver BiDi, a camera share started from its popup reaches a viewer.
 */
describe("Firefox extension", () => {
  let server: BeamStack;
  let firefox: FirefoxSharer;

  beforeAll(async () => {
    // The token server trusts this installation's moz-extension:// origin, as an operator would.
    const uuid = randomUUID();
    server = await startBeamStack({ allowedOrigins: [`moz-extension://${uuid}`] });
    firefox = await launchFirefoxSharer(requireBuiltFirefoxExtension(), uuid);
  });

  afterAll(async () => {
    await firefox?.close();
    await server?.close();
  });

  it("passes web-ext lint without errors", async () => {
    const result = await webExt.cmd.lint(
      { sourceDir: requireBuiltFirefoxExtension(), output: "none", boring: true },
      { shouldExitProgram: false },
    );
    const errors = result.errors.map((e) => `${e.code}: ${e.message}`);
    expect(errors).toEqual([]);
  });

  it("shares the camera from a sharing tab and a viewer decodes it; Stop closes the tab", async () => {
    const options = await firefox.openExtensionPage("options.html");
    await fillInput(options, "#server-url", server.url);
    await clickButton(options, "Save");
    await waitForText(options, "Saved");
    await options.close();

    const popup = await firefox.openExtensionPage("popup.html");
    await clickButton(popup, "Share camera");
    const viewerUrl = await inputValue(popup, "input.link-input", 20_000);
    expect(viewerUrl.startsWith(`${server.url}/v/`)).toBe(true);
    await popup.screenshot({ path: artifactPath("firefox-popup-live") });

    const sharing = await firefox.findExtensionPage("sharing.html");
    expect(sharing).toBeDefined();
    await sharing?.screenshot({ path: artifactPath("firefox-sharing-tab") });

    const viewer = await openFirefoxViewer(firefox.browser, viewerUrl);
    try {
      // The sharing tab copied the link when the share went live; an ordinary page reads it back.
      expect(await viewer.page.evaluate(() => navigator.clipboard.readText())).toBe(viewerUrl);
      await viewer.waitForState("live", 20_000);
      const { stats, width } = await viewer.waitForFrames();
      expect(width).toBeGreaterThan(0);
      expect(stats.remoteAddress).toMatch(/^(127\.0\.0\.1|::1)$/);
      await viewer.page.screenshot({ path: artifactPath("firefox-viewer-camera") });

      await clickButton(popup, "Stop sharing");
      await viewer.waitForState("ended", 10_000);
      await waitFor(
        "the sharing tab to close",
        async () => !(await firefox.findExtensionPage("sharing.html")),
      );
    } finally {
      await viewer.close();
    }
  });
});
