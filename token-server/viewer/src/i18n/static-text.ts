/**
 * The page's fixed text lives in index.html as keys: `data-i18n` names an element's text,
 * `data-i18n-label` its accessible name. Filled once at start, with `<html lang>` set to match.
 */
import type { ViewerStringKey } from "./en";
import type { Translate, ViewerLanguage } from "./language";

export function localizeDocument(doc: Document, language: ViewerLanguage, t: Translate): void {
  doc.documentElement.lang = language;
  for (const element of doc.querySelectorAll<HTMLElement>("[data-i18n]"))
    element.textContent = t(element.dataset.i18n as ViewerStringKey);
  for (const element of doc.querySelectorAll<HTMLElement>("[data-i18n-label]"))
    element.setAttribute("aria-label", t(element.dataset.i18nLabel as ViewerStringKey));
}
