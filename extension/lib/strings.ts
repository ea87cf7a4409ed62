/**
 * Every user-facing string of the extension comes from `public/_locales/<lang>/messages.json`
 * through `browser.i18n`, so Chrome picks the language from the browser's UI language (English when
 * it has no translation). Keys are typed from the English file, the default locale.
 * Placeholders are `{name}` and filled by `t`: Chrome's own `$1` placeholders are positional, and
 * named ones let a translation reorder them freely.
 */
import { browser } from "wxt/browser";
import { fill, type TemplateParams } from "../../protocol/message-template.ts";
import type messages from "../public/_locales/en/messages.json";

export type StringKey = keyof typeof messages;

export function t(key: StringKey, params: TemplateParams = {}): string {
  return fill(browser.i18n.getMessage(key), params);
}

/** For keys built at run time (an error code): false when no locale defines the key. */
export function isStringKey(key: string): key is StringKey {
  return browser.i18n.getMessage(key as StringKey) !== "";
}
