/**
 * Wires a master host to runtime messages: the page that runs it (Chrome's offscreen document, or
 * Firefox's sharing tab) answers the messages addressed to "offscreen".
 */
import { browser } from "wxt/browser";
import type { CameraPermission, CredentialsReply } from "../../protocol/extension-messages.ts";
import { writeClipboard } from "./clipboard.ts";
import { createMasterHost, type MasterHostPorts } from "./master-host.ts";
import { listen, sendToBackground, unwrap } from "./messaging.ts";

export interface ServeOptions {
  /** A visible page can ask for the camera itself; the offscreen document cannot. */
  cameraPermission?: () => Promise<CameraPermission>;
  capture?: MasterHostPorts["capture"];
}

export function serveMaster(options: ServeOptions = {}) {
  const host = createMasterHost({
    report: (message) => void browser.runtime.sendMessage(message).catch(() => {}),
    refreshCredentials: async () =>
      unwrap((await sendToBackground({ to: "background", type: "master:credentials" })) as CredentialsReply),
    capture: options.capture,
  });
  listen("offscreen", (message) => {
    switch (message.type) {
      case "master:start":
        return host.start(message);
      case "master:stop":
        return host.stop();
      case "master:status":
        return host.status();
      case "master:switch":
        return host.switchSource(message.capture);
      case "master:controls":
        return host.controls({ paused: message.paused, audioMuted: message.audioMuted });
      case "master:ask":
        return host.ask(message.enabled);
      case "master:admit":
        return host.admit(message.clientId, message.allow);
      case "master:remove":
        return host.remove(message.clientId);
      case "master:link":
        return host.announceLink(message.token);
      case "master:viewers":
        return host.viewers();
      case "camera:permission":
        return (options.cameraPermission ?? host.cameraPermission)();
      case "clipboard:write":
        return writeClipboard(message.text).then(() => null);
    }
  });
  return host;
}
