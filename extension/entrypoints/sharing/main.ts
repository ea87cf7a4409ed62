/**
 * Firefox's stand-in for the offscreen document: a tab that runs the same master host and stays open
 * while sharing. Being a visible page, it asks for the camera and shows the screen picker itself.
 */
import "../../assets/beam.css";
import "./sharing.css";
import { capture } from "../../../rtc/capture.ts";
import { serveMaster } from "../../lib/master-endpoint.ts";
import { sendToBackground } from "../../lib/messaging.ts";
import { localizePage } from "../../lib/page-language.ts";
import { t } from "../../lib/strings.ts";
import { withUserGesture } from "../../lib/user-gesture.ts";

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, text: string) => {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
};
const stop = element("button", t("stopSharing"));
stop.type = "button";
stop.className = "button danger";
stop.addEventListener("click", () => void sendToBackground({ to: "background", type: "share:stop" }));
const choose = element("button", t("chooseScreen"));
choose.type = "button";
choose.className = "button primary";
choose.hidden = true;
localizePage(t("sharingPageTitle"));
document
  .getElementById("app")
  ?.append(element("h1", t("sharingPageTitle")), element("p", t("sharingPageBody")), choose, stop);

/** Shows the choose button until it is clicked once; the capture runs inside that click. */
const askForClick = (onClick: () => void) => {
  choose.hidden = false;
  choose.focus();
  choose.addEventListener(
    "click",
    () => {
      choose.hidden = true;
      onClick();
    },
    { once: true },
  );
};

serveMaster({
  capture: (request, quality) =>
    request.source === "screen"
      ? withUserGesture(() => capture(request, quality), askForClick)
      : capture(request, quality),
  // Firefox prompts in this tab when the capture starts, so only a blocked camera stops the share early.
  async cameraPermission() {
    const status = await navigator.permissions
      .query({ name: "camera" as PermissionName })
      .catch(() => undefined);
    return status?.state === "denied" ? "denied" : "granted";
  },
});
// The background waits for this before it sends the master anything (see sharing-tab.ts).
void sendToBackground({ to: "background", type: "master:ready" });
