/**
 * Wires a master host to runtime messages: the master's document (Chrome's offscreen document, or
 * Firefox's sharing tab) answers the messages addressed to "master".
 */
import { browser } from "wxt/browser";
import type { CameraPermission } from "../../protocol/extension-messages.ts";
import { writeClipboard } from "./clipboard.ts";
import { logFailure } from "./log.ts";
import { createMasterHost, type MasterHostPorts } from "./master-host.ts";
import { listen, sendToBackground, unwrap } from "./messaging.ts";

export interface ServeOptions {
  /** A visible page can ask for the camera itself; the offscreen document cannot. */
  cameraPermission?: () => Promise<CameraPermission>;
  capture?: MasterHostPorts["capture"];
}

export function serveMaster(options: ServeOptions = {}) {
  const host = createMasterHost({
    report: (message) =>
      void browser.runtime
        .sendMessage(message)
        .catch(logFailure(`reporting ${message.type} to the background`)),
    refreshCredentials: async () =>
      unwrap(await sendToBackground({ to: "background", type: "master:credentials" })),
    capture: options.capture,
  });
  listen("master", {
    "master:start": (message) => host.start(message),
    "master:stop": () => host.stop(),
    "master:status": () => host.status(),
    "master:switch": (message) => host.switchSource(message.capture),
    "master:controls": (message) => host.controls({ paused: message.paused, audioMuted: message.audioMuted }),
    "master:ask": (message) => host.ask(message.enabled),
    "master:admit": (message) => host.admit(message.clientId, message.allow),
    "master:remove": (message) => host.remove(message.clientId),
    "master:link": (message) => host.announceLink(message.token),
    "master:viewers": () => host.viewers(),
    "camera:permission": () => (options.cameraPermission ?? host.cameraPermission)(),
    "clipboard:write": (message) => writeClipboard(message.text).then(() => null),
  });
  return host;
}
