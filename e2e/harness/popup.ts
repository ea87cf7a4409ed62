import type { Page } from "playwright-core";
import type { SharerBrowser } from "./sharer-browser";

export type ShareButton = "Share this tab" | "Share camera";

/** Starts a share the way a person does: toolbar click on `tab`, then a popup button; returns the link. */
export async function startShare(
  sharer: SharerBrowser,
  tab: Page,
  button: ShareButton,
): Promise<{ popup: Page; viewerUrl: string }> {
  const popup = await sharer.openPopup(tab);
  await popup.getByRole("button", { name: button }).click();
  const viewerUrl = await readViewerLink(popup);
  return { popup, viewerUrl };
}

export async function readViewerLink(popup: Page, timeoutMs = 20_000): Promise<string> {
  const link = popup.getByRole("textbox", { name: "Viewer link" });
  try {
    await link.waitFor({ state: "visible", timeout: timeoutMs });
  } catch (error) {
    const shown = await popup.locator("body").innerText().catch(() => "(popup closed)");
    throw new Error(`no viewer link in the popup after ${timeoutMs} ms; it shows:\n${shown}`, { cause: error });
  }
  return link.inputValue();
}

/** The number in the popup's viewer counter. */
export async function popupViewerCount(popup: Page): Promise<number | null> {
  const text = await popup.getByTestId("viewer-count").textContent({ timeout: 2_000 });
  const match = text?.match(/\d+/);
  return match ? Number(match[0]) : null;
}
