import type { EndReason, ShareSource, ShareState } from "../../protocol/share.ts";
import { errorSentence, errorTitle } from "../lib/error-sentence.ts";
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
  onStart: (source: ShareSource) => void;
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
        <p class="title">{errorTitle(state.error)}</p>
        <p>{errorSentence(state.error, { serverUrl: props.serverUrl })}</p>
      </div>
      <NextStep {...props} state={state} />
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

/**
 * What can help after a failure. Retrying an uncapturable page fails the same way, so that error
 * offers the camera instead (and a way back); anything else may pass on a second try.
 */
function NextStep(props: {
  state: Extract<Outcome, { status: "failed" }>;
  onStart: (source: ShareSource) => void;
  onReset: () => void;
}) {
  const { state } = props;
  if (state.error.code === "tab_not_capturable") {
    return (
      <div class="actions">
        <button type="button" class="button primary big" onClick={() => props.onStart("camera")}>
          {t("shareCameraInstead")}
        </button>
        <button type="button" class="button secondary" onClick={props.onReset}>
          {t("back")}
        </button>
      </div>
    );
  }
  const source = state.source;
  return (
    <button
      type="button"
      class="button primary big"
      onClick={source ? () => props.onStart(source) : props.onReset}
    >
      {t("tryAgain")}
    </button>
  );
}
