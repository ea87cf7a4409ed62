/** Renders a viewer state: `body[data-state]`, the status overlay, the share's title. */
import type { Source } from "../../../protocol/api";
import { isTerminal, type ViewerState } from "../../../protocol/viewer-state";
import { byId } from "./dom";
import type { ViewerStringKey } from "./i18n/en";
import type { Translate } from "./i18n/language";
import { describeState } from "./messages";

const SOURCE_LABEL: Record<Source, ViewerStringKey> = {
  tab: "sourceTab",
  camera: "sourceCamera",
  screen: "sourceScreen",
};

export interface StatusView {
  render(state: ViewerState): void;
  showShare(share: { title?: string; source: Source }): void;
  showStream(stream: MediaStream): void;
}

export function createStatusView(video: HTMLVideoElement, t: Translate): StatusView {
  const text = byId("status-text");
  const detail = byId("status-detail");
  const retry = byId<HTMLButtonElement>("retry");
  const title = byId("title");
  retry.addEventListener("click", () => location.reload());

  return {
    render(state) {
      document.body.dataset.state = state.name;
      const message = describeState(state, t);
      text.textContent = message.text;
      detail.textContent = message.detail ?? "";
      detail.hidden = !message.detail;
      retry.hidden = !message.retry;
      if (isTerminal(state)) video.srcObject = null;
    },
    showShare(share) {
      const name = share.title ?? t(SOURCE_LABEL[share.source]);
      title.textContent = name;
      title.classList.remove("title--pending");
      document.title = t("pageTitle", { name });
    },
    showStream(stream) {
      if (video.srcObject !== stream) video.srcObject = stream;
    },
  };
}
