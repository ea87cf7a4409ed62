import type { ShareState } from "../../protocol/share.ts";
import type { SharerBrowser } from "./sharer-browser";

/** The share state as the background stored it (what the popup renders). */
export async function shareState(sharer: SharerBrowser): Promise<ShareState> {
  const worker = await sharer.serviceWorker();
  return worker.evaluate<ShareState>(
    "chrome.storage.session.get('share').then((items) => items.share ?? { status: 'idle' })",
  );
}
