/** Puts an extension page in the language its strings come from: `<html lang>` and the tab's title. */
import { t } from "./strings.ts";

export function localizePage(title: string): void {
  document.documentElement.lang = t("htmlLang");
  document.title = title;
}
