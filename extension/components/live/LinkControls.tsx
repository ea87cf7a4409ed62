import { t } from "../../lib/strings.ts";
import { QrCode } from "../QrCode.tsx";
import type { Control } from "./use-control.ts";

/** The viewer link's QR code, and a new link that stops the old one admitting viewers. */
export function LinkControls({ viewerUrl, control }: { viewerUrl: string; control: Control }) {
  return (
    <>
      {/* Folded while live so the controls fit Chrome's 600 px popup. */}
      <details class="qr-details">
        <summary>{t("showQrCode")}</summary>
        <div class="qr-frame">
          <QrCode text={viewerUrl} />
        </div>
      </details>
      <div class="control-row">
        <button
          type="button"
          class="button secondary"
          disabled={control.busy}
          onClick={() => control.run({ to: "background", type: "share:new-link" })}
        >
          {t("newLink")}
        </button>
        <small class="muted">{t("newLinkHint")}</small>
      </div>
    </>
  );
}
