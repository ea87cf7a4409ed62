import { useEffect, useState } from "preact/hooks";
import { t } from "../lib/strings.ts";

/**
 * The viewer link, read-only and selectable, with a button that copies it and says so.
 * `copiedByBeam`: the background already put this link on the clipboard when the share went live.
 */
export function CopyLink({ url, copiedByBeam = false }: { url: string; copiedByBeam?: boolean }) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (copied === "idle") return;
    const timer = setTimeout(() => setCopied("idle"), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = () =>
    navigator.clipboard.writeText(url).then(
      () => setCopied("copied"),
      () => setCopied("failed"),
    );

  return (
    <div class="copy-link">
      <input
        class="link-input"
        type="text"
        readOnly
        value={url}
        aria-label={t("viewerLink")}
        onFocus={(e) => e.currentTarget.select()}
      />
      <button type="button" class="button secondary" onClick={copy}>
        {t("copyLink")}
      </button>
      <p
        class={`copy-status ${copied === "copied" || (copied === "idle" && copiedByBeam) ? "done" : ""}`}
        role="status"
        aria-live="polite"
      >
        {copied === "copied"
          ? t("copied")
          : copied === "failed"
            ? t("copyFailed")
            : copiedByBeam
              ? t("linkCopied")
              : t("linkHint")}
      </p>
    </div>
  );
}
