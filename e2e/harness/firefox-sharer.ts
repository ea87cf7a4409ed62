import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "puppeteer-core";
import { type FirefoxBrowser, launchFirefox } from "./firefox";
import { waitFor } from "./wait";

/** Firefox ESR with the built Firefox extension installed over WebDriver BiDi (`webExtension.install`). */
export interface FirefoxSharer extends FirefoxBrowser {
  extensionOrigin: string;
  /** Opens an extension page (popup.html, options.html) in a tab of its own. */
  openExtensionPage(path: string): Promise<Page>;
  /** The open tab showing this extension page, if any. */
  findExtensionPage(path: string): Promise<Page | undefined>;
}

/**
 * Firefox gives each install a random moz-extension:// host unless a pref names it first: `uuid`
 * names it, so the token server can be told the origin (ALLOWED_ORIGINS) before Firefox starts.
 */
export async function launchFirefoxSharer(extensionDir: string, uuid = randomUUID()): Promise<FirefoxSharer> {
  const manifest = JSON.parse(readFileSync(`${extensionDir}/manifest.json`, "utf8"));
  const addonId: string = manifest.browser_specific_settings.gecko.id;
  const firefox = await launchFirefox(
    {
      "extensions.webextensions.uuids": JSON.stringify({ [addonId]: uuid }),
      // Lets a page read the clipboard without Firefox's paste prompt, so a test can check the copy.
      "dom.events.testing.asyncClipboard": true,
    },
    { systemAccess: true },
  );
  try {
    const id = await firefox.browser.installExtension(extensionDir);
    if (id !== addonId) throw new Error(`installed ${id}, expected ${addonId}`);
  } catch (error) {
    await firefox.close();
    throw error;
  }
  const extensionOrigin = `moz-extension://${uuid}`;
  return {
    ...firefox,
    extensionOrigin,
    // Puppeteer 24 over BiDi never sees a moz-extension:// navigation finish (page.url() stays
    // about:blank), so pages are opened and found through the document's own location.
    openExtensionPage: async (path) => {
      const page = await firefox.browser.newPage();
      const url = `${extensionOrigin}/${path}`;
      void page.goto(url, { timeout: 60_000 }).catch(() => {});
      await waitFor(`${path} to load`, () =>
        page
          .evaluate((target) => location.href === target && document.readyState === "complete", url)
          .catch(() => false),
      );
      return page;
    },
    findExtensionPage: async (path) => {
      for (const page of await firefox.browser.pages()) {
        const href = await page.evaluate(() => location.href).catch(() => "");
        if (href === `${extensionOrigin}/${path}`) return page;
      }
      return undefined;
    },
  };
}
