import type { LiveShareState } from "../../../protocol/share.ts";
import { CAN_SHARE_TAB } from "../../lib/browser-features.ts";
import { t } from "../../lib/strings.ts";
import type { Control } from "./use-control.ts";

/**
 * Switch what is shared without anyone reconnecting: the popup's own tab (when another tab or the
 * camera is shared) or the camera.
 */
export function SourceControls(props: { state: LiveShareState; popupTabId?: number; control: Control }) {
  const { state, popupTabId, control } = props;
  const toTab = () =>
    control.run({ to: "background", type: "share:switch", source: "tab", tabId: popupTabId });
  const toCamera = () => control.run({ to: "background", type: "share:switch", source: "camera" });
  // Firefox cannot capture a tab from an extension, so it offers no tab switches.
  const tabOffered = CAN_SHARE_TAB && popupTabId !== undefined;
  const otherTab = tabOffered && state.source === "tab" && popupTabId !== state.tabId;
  return (
    <div class="control-row">
      {otherTab && (
        <button type="button" class="button secondary" disabled={control.busy} onClick={toTab}>
          {t("shareThisTabInstead")}
        </button>
      )}
      {state.source === "tab" && (
        <button type="button" class="button secondary" disabled={control.busy} onClick={toCamera}>
          {t("switchToCamera")}
        </button>
      )}
      {state.source === "camera" && tabOffered && (
        <button type="button" class="button secondary" disabled={control.busy} onClick={toTab}>
          {t("switchToTab")}
        </button>
      )}
      {state.pendingSwitch === "camera" && <p class="hint">{t("waitingForCamera")}</p>}
    </div>
  );
}
