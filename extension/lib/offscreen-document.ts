/** The one offscreen document that hosts the master; created on demand, closed when the share ends. */
import { browser } from "wxt/browser";

const PATH = "offscreen.html";

export async function hasOffscreenDocument(): Promise<boolean> {
  const contexts = await browser.runtime.getContexts({
    contextTypes: ["OFFSCREEN_DOCUMENT"],
    documentUrls: [browser.runtime.getURL(`/${PATH}`)],
  });
  return contexts.length > 0;
}

let creating: Promise<void> | undefined;

export async function ensureOffscreenDocument(): Promise<void> {
  if (await hasOffscreenDocument()) return;
  // Two starts in a row must not both create it: Chrome allows only one per extension.
  creating ??= browser.offscreen
    .createDocument({
      url: PATH,
      // DISPLAY_MEDIA lets it call getDisplayMedia, Chrome's documented way to share a screen or window
      // from an extension in the background (a chooseDesktopMedia stream id only works in the frame that asked).
      // CLIPBOARD: the background has no DOM, so the viewer link is copied here when a share goes live.
      reasons: ["USER_MEDIA", "DISPLAY_MEDIA", "CLIPBOARD"],
      justification:
        "Captures the shared tab, screen, window or camera, streams it to viewers over WebRTC, and copies the viewer link.",
    })
    .finally(() => {
      creating = undefined;
    });
  await creating;
}

export async function closeOffscreenDocument(): Promise<void> {
  if (await hasOffscreenDocument()) await browser.offscreen.closeDocument();
}
