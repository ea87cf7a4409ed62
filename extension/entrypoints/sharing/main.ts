/**
 * Firefox's stand-in for the offscreen document: a tab that runs the same master host and stays open
 * while sharing. Being a visible page, it asks for the camera and shows the screen picker itself.
 */
import "../../assets/beam.css";
import "./sharing.css";
import { sendToBackground } from "../../lib/messaging.ts";
import { serveMasterHost } from "../../lib/serve-master-host.ts";
import { t } from "../../lib/strings.ts";

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, text: string) => {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
};
const stop = element("button", t("stopSharing"));
stop.type = "button";
stop.className = "button danger";
stop.addEventListener("click", () => void sendToBackground({ to: "background", type: "share:stop" }));
document.title = t("sharingPageTitle");
document
  .getElementById("app")
  ?.append(element("h1", t("sharingPageTitle")), element("p", t("sharingPageBody")), stop);

serveMasterHost({
  // Firefox prompts in this tab when the capture starts, so only a blocked camera stops the share early.
  async cameraPermission() {
    const status = await navigator.permissions
      .query({ name: "camera" as PermissionName })
      .catch(() => undefined);
    return status?.state === "denied" ? "denied" : "granted";
  },
});
