import { t } from "../lib/strings.ts";

/** The small Beam logo: a beam of light leaving a dot, then the name. */
export function Wordmark() {
  return (
    <span class="wordmark">
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        <circle cx="7" cy="12" r="4.5" fill="currentColor" />
        <path d="M13 8.5 L22 5 V19 L13 15.5 Z" fill="currentColor" opacity="0.55" />
      </svg>
      {t("appName")}
    </span>
  );
}
