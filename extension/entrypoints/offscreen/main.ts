import { browser } from "wxt/browser";
import type { CredentialsReply } from "../../../protocol/extension-messages.ts";
import { createMasterHost } from "../../lib/master-host.ts";
import { listen, sendToBackground, unwrap } from "../../lib/messaging.ts";

const host = createMasterHost({
  report: (message) => void browser.runtime.sendMessage(message).catch(() => {}),
  refreshCredentials: async () =>
    unwrap((await sendToBackground({ to: "background", type: "master:credentials" })) as CredentialsReply),
});

listen("offscreen", (message) => {
  switch (message.type) {
    case "master:start":
      return host.start(message);
    case "master:stop":
      return host.stop();
    case "master:status":
      return host.status();
    case "camera:permission":
      return host.cameraPermission();
  }
});
