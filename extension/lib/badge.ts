/** The toolbar badge for a share state: red with the viewer count while live. */
import type { ShareState } from "../../protocol/share.ts";

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
        text: state.peers > 0 ? String(state.peers) : "LIVE",
        color: RED,
        title: `Beam · live · ${state.peers} watching`,
      };
    case "reconnecting":
      return {
        text: String(state.peers),
        color: AMBER,
        title: `Beam · reconnecting · ${state.peers} watching`,
      };
    case "starting":
      return { text: "…", color: GREY, title: "Beam · starting" };
    case "failed":
      return { text: "!", color: GREY, title: "Beam · the share failed" };
    default:
      return { text: "", color: GREY, title: "Beam" };
  }
}
