/** The sentence the page shows for each viewer state, in the page's language. */
import type { ViewerFailure, ViewerState } from "../../../protocol/viewer-state";
import type { ViewerStringKey } from "./i18n/en";
import type { Translate } from "./i18n/language";

/** KVS admits at most 10 viewers per signaling channel. */
export const VIEWER_LIMIT = 10;

export interface StateMessage {
  text: string;
  detail?: string;
  /** Offer *Try again* (a reload): the situation may change on its own. */
  retry: boolean;
}

const FAILURES: Partial<Record<ViewerFailure, ViewerStringKey>> = {
  network: "failureNetwork",
  peer_unreachable: "failurePeerUnreachable",
  unsupported: "failureUnsupported",
  rate_limited: "failureRateLimited",
  too_many_sessions: "failureTooManySessions",
};

export function describeState(state: ViewerState, t: Translate): StateMessage {
  const say = (text: ViewerStringKey, detail?: ViewerStringKey, retry = false): StateMessage => ({
    text: t(text),
    detail: detail && t(detail, { limit: VIEWER_LIMIT }),
    retry,
  });
  switch (state.name) {
    case "connecting":
      return say("connecting");
    case "joining":
      return say("joining", "joiningDetail");
    case "live":
      return say("live");
    case "reconnecting":
      return say("reconnecting", "reconnectingDetail");
    case "paused":
      return say("paused", "pausedDetail");
    case "waiting":
      return say("waiting", "waitingDetail");
    case "ended":
      return say("ended", "endedDetail");
    case "removed":
      return say("removed");
    case "denied":
      return state.timedOut ? say("deniedTimedOut", "deniedTimedOutDetail", true) : say("denied");
    case "replaced":
      return say("replaced", "replacedDetail");
    case "full":
      return say("full", "fullDetail", true);
    case "invalid":
      return say("invalid", "invalidDetail");
    case "expired":
      return say("expired", "expiredDetail");
    case "error": {
      const known = FAILURES[state.failure];
      const retry = state.failure !== "unsupported";
      if (known) return say(known, undefined, retry);
      return { text: t("failureOther"), detail: t("failureOtherDetail", { code: state.failure }), retry };
    }
  }
}
