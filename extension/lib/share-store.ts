/**
 * Where the background keeps the share: `chrome.storage.session`, so a service-worker restart loses
 * nothing and the popup can read and watch it. The master token is kept apart from what the popup
 * renders.
 */
import { storage } from "wxt/utils/storage";
import { IDLE, type ShareState } from "../../protocol/share.ts";

export const shareItem = storage.defineItem<ShareState>("session:share", { fallback: IDLE, version: 1 });

/** What the background needs to refresh or delete the session on the token server. */
export interface MasterSecret {
  sessionId: string;
  masterToken: string;
  serverUrl: string;
}

export const masterSecretItem = storage.defineItem<MasterSecret | null>("session:master", {
  fallback: null,
  version: 1,
});
