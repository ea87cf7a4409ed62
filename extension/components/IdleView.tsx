import type { ShareSource } from "../../protocol/share.ts";
import { CAN_SHARE_TAB } from "../lib/browser-features.ts";
import { t } from "../lib/strings.ts";
import { ServerStatus } from "./ServerStatus.tsx";

export function IdleView(props: { serverUrl: string; onStart: (source: ShareSource) => void }) {
  return (
    <section class="view">
      <div class="actions">
        {CAN_SHARE_TAB && (
          <button type="button" class="button primary big" onClick={() => props.onStart("tab")}>
            <TabIcon />
            <span>{t("shareTab")}</span>
          </button>
        )}
        <button type="button" class="button primary-soft big" onClick={() => props.onStart("camera")}>
          <CameraIcon />
          <span>{t("shareCamera")}</span>
        </button>
        <button type="button" class="button primary-soft big" onClick={() => props.onStart("screen")}>
          <ScreenIcon />
          <span>{t("shareScreen")}</span>
        </button>
      </div>
      <p class="hint">{t("shareHint")}</p>
      <ServerStatus serverUrl={props.serverUrl} />
    </section>
  );
}

function TabIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" class="icon">
      <rect x="3" y="5" width="18" height="14" rx="2" fill="none" stroke="currentColor" stroke-width="2" />
      <path d="M3 9h18" stroke="currentColor" stroke-width="2" />
    </svg>
  );
}

function CameraIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" class="icon">
      <rect x="3" y="7" width="13" height="10" rx="2" fill="none" stroke="currentColor" stroke-width="2" />
      <path d="M16 11l5-3v8l-5-3z" fill="currentColor" />
    </svg>
  );
}

function ScreenIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" class="icon">
      <rect x="2" y="4" width="20" height="13" rx="2" fill="none" stroke="currentColor" stroke-width="2" />
      <path d="M8 21h8M12 17v4" stroke="currentColor" stroke-width="2" />
    </svg>
  );
}
