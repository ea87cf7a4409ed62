/** The sentence the page shows for each viewer state (English for now; one table to localize). */
import type { ViewerFailure, ViewerState } from "../../../protocol/viewer-state";

/** KVS admits at most 10 viewers per signaling channel. */
export const VIEWER_LIMIT = 10;

export interface StateMessage {
  text: string;
  detail?: string;
  /** Offer *Try again* (a reload): the situation may change on its own. */
  retry: boolean;
}

const FAILURES: Partial<Record<ViewerFailure, string>> = {
  network: "Can't reach Beam. Check your connection and try again.",
  peer_unreachable:
    "The sharer isn't answering. They may have closed their browser or lost their connection.",
  unsupported: "This browser can't play Beam shares. Try a recent Chrome, Edge, Firefox or Safari.",
  rate_limited: "Too many tries from this network. Wait a minute, then try again.",
  too_many_sessions: "Beam is busy right now. Try again in a minute.",
};

export function describeState(state: ViewerState): StateMessage {
  switch (state.name) {
    case "connecting":
      return { text: "Connecting…", retry: false };
    case "live":
      return { text: "Live", retry: false };
    case "reconnecting":
      return { text: "Reconnecting…", detail: "The connection dropped. Trying again.", retry: false };
    case "paused":
      return {
        text: "Paused",
        detail: "The sharer paused the share. It picks up here when they resume.",
        retry: false,
      };
    case "waiting":
      return {
        text: "Waiting for the sharer to let you in…",
        detail: "Keep this page open. You'll see the share as soon as they allow it.",
        retry: false,
      };
    case "ended":
      return { text: "The sharer ended this share.", retry: false };
    case "removed":
      return { text: "The sharer removed you from this share.", retry: false };
    case "denied":
      return state.timedOut
        ? { text: "The sharer didn't let you in in time.", detail: "Ask them to try again.", retry: true }
        : { text: "The sharer didn't let you in.", retry: false };
    case "replaced":
      return {
        text: "This link is no longer valid.",
        detail: "The sharer made a new link. Ask them for it.",
        retry: false,
      };
    case "full":
      return { text: `This share is full (${VIEWER_LIMIT} viewers). Try again later.`, retry: true };
    case "invalid":
      return { text: "This link isn't valid. Ask the sharer for a new one.", retry: false };
    case "expired":
      return { text: "This link has expired.", detail: "Ask the sharer for a new one.", retry: false };
    case "error":
      return {
        text: FAILURES[state.failure] ?? "Something went wrong on our side.",
        detail: FAILURES[state.failure] ? undefined : `Error: ${state.failure}`,
        retry: state.failure !== "unsupported",
      };
  }
}
