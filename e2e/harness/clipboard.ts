import type { CDPSession, Page } from "playwright-core";
import type { SharerBrowser } from "./sharer-browser";
import { waitFor } from "./wait";

/** Per browser: the grants last only as long as the CDP session that made them. */
const sessions = new WeakMap<SharerBrowser, CDPSession>();

/** Lets `page` read and write the clipboard without a prompt, as a person's paste would. */
async function grantClipboard(sharer: SharerBrowser, page: Page): Promise<void> {
  let cdp = sessions.get(sharer);
  if (!cdp) {
    cdp = await sharer.context.browser()?.newBrowserCDPSession();
    if (!cdp) throw new Error("no browser-level CDP session on the sharer browser");
    sessions.set(sharer, cdp);
  }
  await cdp.send("Browser.grantPermissions", {
    origin: new URL(page.url()).origin,
    permissions: ["clipboardReadWrite", "clipboardSanitizedWrite"],
  });
}

/** Puts `text` on the clipboard from `page`, so a later read proves something else replaced it. */
export async function writeClipboard(sharer: SharerBrowser, page: Page, text: string): Promise<void> {
  await grantClipboard(sharer, page);
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
}

const VIEWER_LINK = /^https?:\/\/[^/]+\/v\/[\w-]+#\S+$/;

/**
 * Waits until the clipboard, read from `page` (an ordinary page of the sharer's browser, not the
 * popup), holds a viewer link other than `not`, and returns it.
 */
export async function waitForCopiedLink(
  sharer: SharerBrowser,
  page: Page,
  { timeoutMs = 5_000, not }: { timeoutMs?: number; not?: string } = {},
): Promise<string> {
  await grantClipboard(sharer, page);
  let seen = "";
  try {
    return await waitFor(
      "a viewer link on the clipboard",
      async () => {
        seen = await page.evaluate(() => navigator.clipboard.readText());
        return VIEWER_LINK.test(seen) && seen !== not && seen;
      },
      { timeoutMs },
    );
  } catch (error) {
    throw new Error(`no viewer link on the clipboard within ${timeoutMs} ms; it holds "${seen}"`, {
      cause: error,
    });
  }
}
