import { useMemo } from "preact/hooks";
import { renderSVG } from "uqr";
import { t } from "../lib/strings.ts";

export function QrCode({ text }: { text: string }) {
  const src = useMemo(
    () =>
      `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(text, { ecc: "L", pixelSize: 8 }))}`,
    [text],
  );
  return <img class="qr" src={src} alt={t("qrAlt")} width={168} height={168} />;
}
