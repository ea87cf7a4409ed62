import type { EndReason, ShareState } from "../../protocol/share.ts";
import { errorSentence } from "../lib/error-sentence.ts";
import { type StringKey, t } from "../lib/strings.ts";

type Outcome = Extract<ShareState, { status: "ended" | "failed" }>;

const ENDED: Record<EndReason, StringKey> = {
  stopped: "endedStopped",
  tab_closed: "endedTabClosed",
  tab_navigated: "endedTabNavigated",
  capture_ended: "endedCaptureEnded",
  expired: "endedExpired",
};

/** How a share finished: ended (by the user or the tab) or failed with a sentence per error code. */
export function OutcomeView(props: {
  state: Outcome;
  serverUrl: string;
  onRetry: () => void;
  onReset: () => void;
  onOptions: () => void;
}) {
  const { state } = props;
  if (state.status === "ended") {
    return (
      <section class="view center">
        <p class="title">{t("ended")}</p>
        <p class="hint">{t(ENDED[state.reason])}</p>
        <button type="button" class="button primary big" onClick={props.onReset}>
          {t("shareAgain")}
        </button>
      </section>
    );
  }
  return (
    <section class="view">
      <div class="error" role="alert">
        <p class="title">{t("somethingWrong")}</p>
        <p>{errorSentence(state.error, { serverUrl: props.serverUrl })}</p>
      </div>
      <button type="button" class="button primary big" onClick={state.source ? props.onRetry : props.onReset}>
        {t("tryAgain")}
      </button>
      <a
        class="link"
        href="options.html"
        onClick={(e) => {
          e.preventDefault();
          props.onOptions();
        }}
      >
        {t("openOptions")}
      </a>
    </section>
  );
}
