import type { Page } from "playwright-core";
import { waitForCopiedLink, writeClipboard } from "./clipboard";
import type { SharerBrowser } from "./sharer-browser";

export type ShareButton = "Share this tab" | "Share camera" | "Share screen or window";

/**
 * Opens the popup on `tab` ready to start a share. After a share the popup first says how it ended,
 * with a "Share again" button that leads back to the start buttons, as a person would click it.
 */
export async function openIdlePopup(sharer: SharerBrowser, tab: Page): Promise<Page> {
  const popup = await sharer.openPopup(tab);
  const start = popup.getByRole("button", { name: /^Share (this tab|camera)$/ }).first();
  const again = popup.getByRole("button", { name: "Share again" });
  try {
    await start.or(again).waitFor({ timeout: 10_000 });
    if (await again.isVisible()) await again.click();
    await start.waitFor({ timeout: 10_000 });
  } catch (error) {
    throw new Error(`the popup offers no way to start a share; it shows: ${await popupText(popup)}`, {
      cause: error,
    });
  }
  return popup;
}

/**
 * Starts a share the way a person does: toolbar click on `tab`, then a popup button. The link is
 * taken from the clipboard, read in `tab`, where Beam put it: never from a popup, which Chrome may
 * close when a capture starts. Returns the link and the live popup as the person then finds it.
 */
export async function startShare(
  sharer: SharerBrowser,
  tab: Page,
  button: ShareButton,
): Promise<{ popup: Page; viewerUrl: string }> {
  await writeClipboard(sharer, tab, "nothing copied yet");
  const popup = await openIdlePopup(sharer, tab);
  await popup.getByRole("button", { name: button }).click();
  const viewerUrl = await waitForCopiedLink(sharer, tab, { timeoutMs: 15_000 });
  return { viewerUrl, popup: await livePopup(sharer, tab) };
}

/** A tab capture closes the popup about a second after it starts; by then it has. */
const CAPTURE_CLOSE_MS = 1_500;

/**
 * The live popup as a person finds it after an action that may start a capture: the one still
 * open, the one Beam reopened, or, failing both, the one a second click on the icon opens.
 */
export async function livePopup(sharer: SharerBrowser, tab: Page): Promise<Page> {
  await new Promise((resolve) => setTimeout(resolve, CAPTURE_CLOSE_MS));
  const popup = (await sharer.openPopups()).at(-1) ?? (await sharer.openPopup(tab));
  await readViewerLink(popup);
  return popup;
}

export async function readViewerLink(popup: Page, timeoutMs = 20_000): Promise<string> {
  const link = popup.getByRole("textbox", { name: "Viewer link" });
  try {
    await link.waitFor({ state: "visible", timeout: timeoutMs });
  } catch (error) {
    const shown = await popupText(popup);
    throw new Error(`no viewer link in the popup after ${timeoutMs} ms; it shows: ${shown}`, {
      cause: error,
    });
  }
  return link.inputValue();
}

/** The number in the popup's viewer counter. */
export async function popupViewerCount(popup: Page): Promise<number | null> {
  const text = await popup.getByTestId("viewer-count").textContent({ timeout: 2_000 });
  const match = text?.match(/\d+/);
  return match ? Number(match[0]) : null;
}

/** The popup's visible text, for failure messages. */
async function popupText(popup: Page): Promise<string> {
  const texts = await popup
    .locator("body")
    .allInnerTexts()
    .catch(() => ["(popup closed)"]);
  return texts.join(" ").replace(/\s+/g, " ").trim();
}
