import { useMemo } from "preact/hooks";
import { renderSVG } from "uqr";
import { t } from "../lib/strings.ts";

export function QrCode({ text }: { text: string }) {
  const src = useMemo(
    () =>
      `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(text, { ecc: "M", pixelSize: 8 }))}`,
    [text],
  );
  return <img class="qr" src={src} alt={t("qrAlt")} width={148} height={148} />;
}
