import type { ActiveShareState } from "../../protocol/share.ts";
import { formatElapsed } from "../lib/elapsed.ts";
import { t } from "../lib/strings.ts";
import { CopyLink } from "./CopyLink.tsx";
import { QrCode } from "./QrCode.tsx";
import { useNow } from "./use-stored.ts";

type Live = Extract<ActiveShareState, { status: "live" | "reconnecting" }>;

export function LiveView({ state, onStop }: { state: Live; onStop: () => void }) {
  const now = useNow();
  return (
    <section class="view">
      <div class="live-summary">
        <div>
          <p class="title">{state.source === "tab" ? t("sharingTab") : t("sharingCamera")}</p>
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
      <CopyLink url={state.session.viewerUrl} />
      <div class="qr-frame">
        <QrCode text={state.session.viewerUrl} />
      </div>
      <button type="button" class="button danger big" onClick={onStop}>
        {t("stopSharing")}
      </button>
    </section>
  );
}
