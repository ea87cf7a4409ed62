import { browser } from "wxt/browser";
import { defineBackground } from "wxt/utils/define-background";
import type { MasterStatus } from "../../protocol/extension-messages.ts";
import { isActive } from "../../protocol/share.ts";
import { browserPorts } from "../lib/browser-ports.ts";
import { ALLOW_BUTTON, clientIdOf } from "../lib/join-prompt.ts";
import { commandAction } from "../lib/keyboard-commands.ts";
import { LIVE_NOTIFICATION_ID, showLiveShare } from "../lib/live-notice.ts";
import { masterDocument } from "../lib/master-document.ts";
import { listen, POPUP_PORT, sendToOffscreen } from "../lib/messaging.ts";
import { createShareController } from "../lib/share-controller.ts";

export default defineBackground(() => {
  const share = createShareController(browserPorts);
  const live = share.controls;

  listen("background", (message) => {
    switch (message.type) {
      case "share:get":
        return share.get();
      case "share:start":
        return share.start(message.source, message.tabId);
      case "share:stop":
        return share.stop();
      case "share:reset":
        return share.reset();
      case "share:switch":
        return live.switchSource(message.source, message.tabId);
      case "share:pause":
        return live.pause(message.paused);
      case "share:mute":
        return live.mute(message.muted);
      case "share:ask":
        return live.askBeforeJoin(message.enabled);
      case "share:admit":
        return live.admit(message.clientId, message.allow);
      case "share:remove":
        return live.remove(message.clientId);
      case "share:new-link":
        return live.newLink(message.removeClientId);
      case "master:join-request":
        return live.joinRequest(message.clientId);
      case "master:join-settled":
        return live.joinSettled(message.clientId);
      case "permission:result":
        return share.permissionResult(message.granted);
      case "master:peers":
        return share.peers(message.count);
      case "master:signaling":
        return share.signaling(message.state);
      case "master:credentials":
        return share.credentials();
      case "master:capture-ended":
        return share.captureEnded();
      case "master:failed":
        return share.masterFailed(message.error);
    }
  });

  // The popup holds a port while open, so the background knows when Chrome closed it under a share.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== POPUP_PORT) return;
    share.popupOpened();
    port.onDisconnect.addListener(() => void share.popupClosed());
  });

  browser.notifications.onClicked.addListener((notificationId) => {
    if (notificationId === LIVE_NOTIFICATION_ID) void showLiveShare().catch(() => {});
  });

  browser.notifications.onButtonClicked.addListener((notificationId, buttonIndex) => {
    const clientId = clientIdOf(notificationId);
    if (clientId) void live.admit(clientId, buttonIndex === ALLOW_BUTTON).catch(() => {});
  });

  browser.commands.onCommand.addListener((command) => {
    const action = commandAction(command);
    if (action === "stop") {
      void share.get().then((state) => (isActive(state) ? share.stop() : state));
    }
    if (action === "toggle-pause") void live.togglePause().catch(() => {});
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    if (masterDocument.isHostTab(tabId)) void share.captureEnded();
    else void share.tabRemoved(tabId);
  });
  // `url` is only reported for pages the extension may read; Chrome's own capture end covers the rest.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url) void share.tabNavigated(tabId, change.url);
  });

  void (async () => {
    browserPorts.onState(await share.get());
    const running =
      (await masterDocument.has()) &&
      (await sendToOffscreen<MasterStatus>({ to: "offscreen", type: "master:status" })).ok;
    await share.reconcile(running);
  })();
});
