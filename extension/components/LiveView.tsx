import type { LiveShareState } from "../../protocol/share.ts";
import { formatElapsed } from "../lib/elapsed.ts";
import { t } from "../lib/strings.ts";
import { CopyLink } from "./CopyLink.tsx";
import { LinkControls } from "./live/LinkControls.tsx";
import { MediaControls } from "./live/MediaControls.tsx";
import { SourceControls } from "./live/SourceControls.tsx";
import { useControl } from "./live/use-control.ts";
import { ViewerList } from "./live/ViewerList.tsx";
import { useNow } from "./use-stored.ts";

const SHARING = { tab: "sharingTab", camera: "sharingCamera", screen: "sharingScreen" } as const;

export function LiveView(props: {
  state: LiveShareState;
  serverUrl: string;
  popupTabId?: number;
  onStop: () => void;
}) {
  const { state } = props;
  const now = useNow();
  const control = useControl(props.serverUrl);
  return (
    <section class="view">
      <div class="live-summary">
        <div>
          <p class="title">{t(SHARING[state.source])}</p>
          <p class="muted">
            {t("elapsed")} <time class="elapsed">{formatElapsed(now - state.startedAt)}</time>
          </p>
        </div>
        <p class="viewers" aria-live="polite">
          <span class="viewer-count" data-testid="viewer-count">
            {state.peers}
          </span>
          <span class="muted"> {t("watching")}</span>
        </p>
      </div>
      {state.status === "reconnecting" && (
        <p class="notice" role="status">
          <strong>{t("reconnecting")}</strong> {t("reconnectingHint")}
        </p>
      )}
      {/* What the person came for first (the link, the count, Stop), so a long viewer list never
          pushes it out of Chrome's 600 px popup; the controls follow. */}
      <CopyLink url={state.session.viewerUrl} copiedByBeam={state.copiedUrl === state.session.viewerUrl} />
      <button type="button" class="button danger big" onClick={props.onStop}>
        {t("stopSharing")}
      </button>
      {control.error && (
        <p class="error" role="alert">
          {control.error}
        </p>
      )}
      <SourceControls state={state} popupTabId={props.popupTabId} control={control} />
      <MediaControls state={state} control={control} />
      <LinkControls viewerUrl={state.session.viewerUrl} control={control} />
      <ViewerList control={control} />
    </section>
  );
}
