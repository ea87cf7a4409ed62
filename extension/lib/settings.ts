/** The user's settings, kept in `chrome.storage.local`: one typed item, read by every surface. */
import { storage } from "wxt/utils/storage";
import { DEFAULT_QUALITY, type QualityPresetId } from "../../protocol/quality.ts";

export const DEFAULT_SERVER_URL = "http://127.0.0.1:8787";

export interface Settings {
  serverUrl: string;
  apiKey: string;
  quality: QualityPresetId;
  /** New viewers wait until the sharer lets them in (each share can change it while live). */
  askBeforeJoin: boolean;
  /** When a share goes live (and on a new link) the viewer link is put on the clipboard. */
  copyLinkOnStart: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  serverUrl: DEFAULT_SERVER_URL,
  apiKey: "",
  quality: DEFAULT_QUALITY,
  askBeforeJoin: false,
  copyLinkOnStart: true,
};

export const settingsItem = storage.defineItem<Settings>("local:settings", {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export async function loadSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}
