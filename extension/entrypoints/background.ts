import { browser } from "wxt/browser";
import { defineBackground } from "wxt/utils/define-background";
import { isActive } from "../../protocol/share.ts";
import { browserPorts } from "../lib/browser-ports.ts";
import { ALLOW_BUTTON, clientIdOf } from "../lib/join-prompt.ts";
import { commandAction } from "../lib/keyboard-commands.ts";
import { LIVE_NOTIFICATION_ID, showLiveShare } from "../lib/live-notice.ts";
import { logFailure } from "../lib/log.ts";
import { masterDocument } from "../lib/master-document.ts";
import { listen, POPUP_PORT, sendToMaster } from "../lib/messaging.ts";
import { createShareController } from "../lib/share-controller.ts";

export default defineBackground(() => {
  const share = createShareController(browserPorts);
  const live = share.controls;

  listen("background", {
    "share:get": () => share.get(),
    "share:start": (message) => share.start(message.source, message.tabId),
    "share:stop": () => share.stop(),
    "share:reset": () => share.reset(),
    "share:switch": (message) => live.switchSource(message.source, message.tabId),
    "share:pause": (message) => live.pause(message.paused),
    "share:mute": (message) => live.mute(message.muted),
    "share:ask": (message) => live.askBeforeJoin(message.enabled),
    "share:admit": (message) => live.admit(message.clientId, message.allow),
    "share:remove": (message) => live.remove(message.clientId),
    "share:new-link": (message) => live.newLink(message.removeClientId),
    "master:join-request": (message) => live.joinRequest(message.clientId),
    "master:join-settled": (message) => live.joinSettled(message.clientId),
    "permission:result": (message) => share.permissionResult(message.granted),
    "master:peers": (message) => share.peers(message.count),
    "master:signaling": (message) => share.signaling(message.state),
    "master:credentials": () => share.credentials(),
    "master:capture-ended": () => share.captureEnded(),
    "master:failed": (message) => share.masterFailed(message.error),
    "master:ready": () => {
      masterDocument.ready();
      return null;
    },
  });

  // The popup holds a port while open, so the background knows when Chrome closed it under a share.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== POPUP_PORT) return;
    share.popupOpened();
    port.onDisconnect.addListener(() => void share.popupClosed());
  });

  browser.notifications.onClicked.addListener((notificationId) => {
    if (notificationId === LIVE_NOTIFICATION_ID)
      void showLiveShare().catch(logFailure("showing the live share"));
  });

  browser.notifications.onButtonClicked.addListener((notificationId, buttonIndex) => {
    const clientId = clientIdOf(notificationId);
    if (clientId)
      void live.admit(clientId, buttonIndex === ALLOW_BUTTON).catch(logFailure("answering a join request"));
  });

  browser.commands.onCommand.addListener((command) => {
    const action = commandAction(command);
    if (action === "stop") {
      void share
        .get()
        .then((state) => (isActive(state) ? share.stop() : state))
        .catch(logFailure("stopping from the keyboard"));
    }
    if (action === "toggle-pause") void live.togglePause().catch(logFailure("pausing from the keyboard"));
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    const ended = masterDocument.isHostTab(tabId) ? share.captureEnded() : share.tabRemoved(tabId);
    void ended.catch(logFailure("ending the share for a closed tab"));
  });
  // `url` is only reported for pages the extension may read; Chrome's own capture end covers the rest.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url) void share.tabNavigated(tabId, change.url).catch(logFailure("checking a navigated tab"));
  });

  void (async () => {
    browserPorts.onState(await share.get());
    const running =
      (await masterDocument.has()) && (await sendToMaster({ to: "master", type: "master:status" })).ok;
    await share.reconcile(running);
  })().catch(logFailure("resuming after a service-worker start"));
});
