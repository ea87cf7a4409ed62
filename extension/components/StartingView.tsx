import type { StartPhase } from "../../protocol/share.ts";
import { type StringKey, t } from "../lib/strings.ts";

const PHASE: Record<StartPhase, StringKey> = {
  permission: "startingPermission",
  session: "startingSession",
  capture: "startingCapture",
};

export function StartingView({ phase, onCancel }: { phase: StartPhase; onCancel: () => void }) {
  return (
    <section class="view center" aria-busy="true">
      <div class="spinner" aria-hidden="true" />
      <p class="title" role="status">
        {t("starting")}
      </p>
      <p class="hint">{t(PHASE[phase])}</p>
      <button type="button" class="button ghost" onClick={onCancel}>
        {t("cancel")}
      </button>
    </section>
  );
}
