/** The toolbar badge for a share state: red with the viewer count while live. */
import type { ShareState } from "../../protocol/share.ts";
import { t } from "./strings.ts";

export interface Badge {
  text: string;
  color: string;
  title: string;
}

const RED = "#d93025";
const AMBER = "#b06000";
const GREY = "#5f6368";

export function badgeFor(state: ShareState): Badge {
  switch (state.status) {
    case "live":
      return {
        text: state.peers > 0 ? String(state.peers) : t("badgeLive"),
        color: RED,
        // The toolbar's tooltip also says the link is on the clipboard, for a popup Chrome closed.
        title: t(state.copiedUrl === state.session.viewerUrl ? "badgeTitleLiveCopied" : "badgeTitleLive", {
          count: state.peers,
        }),
      };
    case "reconnecting":
      return {
        text: String(state.peers),
        color: AMBER,
        title: t("badgeTitleReconnecting", { count: state.peers }),
      };
    case "starting":
      return { text: "…", color: GREY, title: t("badgeTitleStarting") };
    case "failed":
      return { text: "!", color: GREY, title: t("badgeTitleFailed") };
    default:
      return { text: "", color: GREY, title: t("appName") };
  }
}
