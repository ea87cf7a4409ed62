/**
 * The viewer page's language: the first of the browser's preferred languages Beam speaks, English
 * otherwise. `t` fills `{name}` placeholders like the extension's strings.
 */
import { fill, type TemplateParams } from "../../../../protocol/message-template";
import { en, type ViewerStringKey, type ViewerStrings } from "./en";
import { ko } from "./ko";

export const VIEWER_LANGUAGES = { en, ko } as const satisfies Record<string, ViewerStrings>;

export type ViewerLanguage = keyof typeof VIEWER_LANGUAGES;

export type Translate = (key: ViewerStringKey, params?: TemplateParams) => string;

/** `ko-KR` matches `ko`; the first preferred language Beam has wins. */
export function pickLanguage(preferred: readonly string[]): ViewerLanguage {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split("-")[0];
    if (base && base in VIEWER_LANGUAGES) return base as ViewerLanguage;
  }
  return "en";
}

export function translator(language: ViewerLanguage): Translate {
  const table: ViewerStrings = VIEWER_LANGUAGES[language];
  return (key, params = {}) => fill(table[key], params);
}
