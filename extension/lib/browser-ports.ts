/** The share controller's ports, implemented with the real extension APIs for the background (Chrome and Firefox). */
import { browser } from "wxt/browser";
import { badgeFor } from "./badge.ts";
import type { ControllerPorts } from "./controller-ports.ts";
import { chromeJoinPrompt } from "./join-prompt.ts";
import { tellPerson, withdrawNotice } from "./live-notice.ts";
import { logFailure } from "./log.ts";
import { masterDocument } from "./master-document.ts";
import { sendToMaster } from "./messaging.ts";
import { loadSettings } from "./settings.ts";
import { masterSecretItem, shareItem } from "./share-store.ts";
import { createTokenClient } from "./token-client.ts";

export const browserPorts: ControllerPorts = {
  state: { get: () => shareItem.getValue(), set: (state) => shareItem.setValue(state) },
  secret: { get: () => masterSecretItem.getValue(), set: (secret) => masterSecretItem.setValue(secret) },
  settings: loadSettings,
  tokenClient: (serverUrl, apiKey) => createTokenClient({ serverUrl, apiKey }),
  tabs: {
    async describe(tabId) {
      // A closed tab has nothing to describe; the start then refuses it as not capturable.
      const tab = await browser.tabs.get(tabId).catch(() => undefined);
      return { url: tab?.url, title: tab?.title };
    },
    streamIdFor: (tabId) => browser.tabCapture.getMediaStreamId({ targetTabId: tabId }),
    async openPermissionPage() {
      const tab = await browser.tabs.create({ url: browser.runtime.getURL("/permission.html") });
      return tab.id ?? -1;
    },
  },
  master: { ensure: masterDocument.ensure, close: masterDocument.close, send: sendToMaster },
  copyToClipboard: async (text) => (await sendToMaster({ to: "master", type: "clipboard:write", text })).ok,
  notice: {
    // The share is live either way: a notice that cannot be shown must not fail it.
    tell: (announcement, copied) => tellPerson(announcement, copied).catch(logFailure("telling the person")),
    withdraw: () => withdrawNotice().catch(logFailure("withdrawing the live notice")),
  },
  joinPrompt: chromeJoinPrompt,
  onState(state) {
    const badge = badgeFor(state);
    // Firefox's Manifest V2 build has browserAction where Chrome's MV3 has action.
    const action = browser.action ?? browser.browserAction;
    const failed = logFailure("updating the toolbar button");
    void action.setBadgeText({ text: badge.text }).catch(failed);
    void action.setBadgeBackgroundColor({ color: badge.color }).catch(failed);
    void action.setBadgeTextColor?.({ color: "#ffffff" }).catch(failed);
    void action.setTitle({ title: badge.title }).catch(failed);
  },
  now: () => Date.now(),
};
