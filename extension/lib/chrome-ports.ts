/** The share controller's ports, implemented with the real Chrome APIs for the background. */
import { browser } from "wxt/browser";
import { badgeFor } from "./badge.ts";
import { chromeJoinPrompt } from "./join-prompt.ts";
import { sendToOffscreen } from "./messaging.ts";
import { closeOffscreenDocument, ensureOffscreenDocument } from "./offscreen-document.ts";
import { loadSettings } from "./settings.ts";
import type { ControllerPorts } from "./share-controller.ts";
import { masterSecretItem, shareItem } from "./share-store.ts";
import { createTokenClient } from "./token-client.ts";

export const chromePorts: ControllerPorts = {
  state: { get: () => shareItem.getValue(), set: (state) => shareItem.setValue(state) },
  secret: { get: () => masterSecretItem.getValue(), set: (secret) => masterSecretItem.setValue(secret) },
  settings: loadSettings,
  tokenClient: (serverUrl, apiKey) => createTokenClient({ serverUrl, apiKey }),
  tabs: {
    async describe(tabId) {
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      return { url: tab?.url, title: tab?.title };
    },
    streamIdFor: (tabId) => browser.tabCapture.getMediaStreamId({ targetTabId: tabId }),
    async openPermissionPage() {
      const tab = await browser.tabs.create({ url: browser.runtime.getURL("/permission.html") });
      return tab.id ?? -1;
    },
  },
  offscreen: { ensure: ensureOffscreenDocument, close: closeOffscreenDocument, send: sendToOffscreen },
  joinPrompt: chromeJoinPrompt,
  onState(state) {
    const badge = badgeFor(state);
    void browser.action.setBadgeText({ text: badge.text });
    void browser.action.setBadgeBackgroundColor({ color: badge.color });
    void browser.action.setBadgeTextColor?.({ color: "#ffffff" });
    void browser.action.setTitle({ title: badge.title });
  },
  now: () => Date.now(),
};
