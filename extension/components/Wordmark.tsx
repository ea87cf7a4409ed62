import { t } from "../lib/strings.ts";

/** The Beam logo alone: a beam of light leaving a dot. Decorative; the name is always beside it. */
export function BeamMark() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" class="beam-mark">
      <circle cx="7" cy="12" r="4.5" fill="currentColor" />
      <path d="M13 8.5 L22 5 V19 L13 15.5 Z" fill="currentColor" opacity="0.55" />
    </svg>
  );
}

/** The small Beam logo followed by the name; the popup's level-one heading when `heading`. */
export function Wordmark({ heading = false }: { heading?: boolean }) {
  const Tag = heading ? "h1" : "span";
  return (
    <Tag class="wordmark">
      <BeamMark />
      {t("appName")}
    </Tag>
  );
}
