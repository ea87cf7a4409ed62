import type { LiveShareState } from "../../../protocol/share.ts";
import { t } from "../../lib/strings.ts";
import type { Control } from "./use-control.ts";

/** Pause / resume, mute / unmute, and whether new viewers must be let in. */
export function MediaControls({ state, control }: { state: LiveShareState; control: Control }) {
  return (
    <div class="media-controls">
      <div class="control-row">
        <button
          type="button"
          class={`button ${state.paused ? "primary" : "secondary"}`}
          aria-pressed={state.paused}
          onClick={() => control.run({ to: "background", type: "share:pause", paused: !state.paused })}
        >
          {state.paused ? t("resume") : t("pause")}
        </button>
        <button
          type="button"
          class="button secondary"
          aria-pressed={state.audioMuted}
          onClick={() => control.run({ to: "background", type: "share:mute", muted: !state.audioMuted })}
        >
          {state.audioMuted ? t("unmuteAudio") : t("muteAudio")}
        </button>
      </div>
      {state.paused && (
        <p class="notice" role="status">
          {t("pausedNotice")}
        </p>
      )}
      <label class="check">
        <input
          type="checkbox"
          checked={state.askBeforeJoin}
          onChange={(e) =>
            control.run({ to: "background", type: "share:ask", enabled: e.currentTarget.checked })
          }
        />
        <span>
          {t("askBeforeJoin")}
          <small class="muted">{t("askBeforeJoinHelp")}</small>
        </span>
      </label>
    </div>
  );
}
