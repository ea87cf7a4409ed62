/** Where the master runs: Chrome's offscreen document, or in Firefox (which has none) a sharing tab. */
import { IS_FIREFOX } from "./browser-features.ts";
import {
  closeOffscreenDocument,
  ensureOffscreenDocument,
  hasOffscreenDocument,
} from "./offscreen-document.ts";
import {
  closeSharingTab,
  ensureSharingTab,
  hasSharingTab,
  isSharingTab,
  sharingTabReady,
} from "./sharing-tab.ts";

export interface MasterDocument {
  has(): Promise<boolean>;
  ensure(): Promise<void>;
  close(): Promise<void>;
  /** True for the tab that hosts the master (closing it ends the share). */
  isHostTab(tabId: number): boolean;
  /** The document says it is listening (only Firefox's sharing tab does: `ensure` waits for it). */
  ready(): void;
}

export const masterDocument: MasterDocument = IS_FIREFOX
  ? {
      has: hasSharingTab,
      ensure: ensureSharingTab,
      close: closeSharingTab,
      isHostTab: isSharingTab,
      ready: sharingTabReady,
    }
  : {
      has: hasOffscreenDocument,
      ensure: ensureOffscreenDocument,
      close: closeOffscreenDocument,
      isHostTab: () => false,
      // createDocument resolves once the document has loaded, so there is nothing to wait for.
      ready: () => {},
    };
