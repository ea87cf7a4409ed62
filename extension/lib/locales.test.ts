import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { translationProblems } from "../../protocol/message-template.ts";

const LOCALES = new URL("../public/_locales/", import.meta.url);

/** `messages.json` of one locale as key → message, the way Chrome reads it. */
function messagesOf(locale: string): Record<string, string> {
  const json: Record<string, { message: string }> = JSON.parse(
    readFileSync(new URL(`${locale}/messages.json`, LOCALES), "utf8"),
  );
  return Object.fromEntries(Object.entries(json).map(([key, entry]) => [key, entry.message]));
}

const locales = readdirSync(LOCALES);
const english = messagesOf("en");

describe("extension locales", () => {
  it("ships English (the default locale) and Korean", () => {
    expect(locales.sort()).toEqual(["en", "ko"]);
  });

  it.each(locales.filter((l) => l !== "en"))(
    "%s has every English key, non-empty, same placeholders",
    (locale) => {
      expect(translationProblems(english, messagesOf(locale))).toEqual([]);
    },
  );

  it.each(locales)("%s uses only names and text Chrome's i18n reads literally", (locale) => {
    for (const [key, message] of Object.entries(messagesOf(locale))) {
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      // Chrome substitutes `$…$` and `$1`; Beam's placeholders are `{name}`, filled by `t`.
      expect(message, key).not.toContain("$");
      expect(message.trim(), key).not.toBe("");
    }
  });

  it("has a message for every __MSG_…__ the manifest names", () => {
    const config = readFileSync(new URL("../../wxt.config.ts", import.meta.url), "utf8");
    const named = Array.from(config.matchAll(/__MSG_(\w+)__/g), (m) => m[1] as string);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((key) => !(key in english))).toEqual([]);
  });
});
