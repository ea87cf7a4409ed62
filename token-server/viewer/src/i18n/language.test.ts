import { describe, expect, it } from "vitest";
import { translationProblems } from "../../../../protocol/message-template";
import { en } from "./en";
import { pickLanguage, translator, VIEWER_LANGUAGES } from "./language";

describe("viewer languages", () => {
  it.each(Object.keys(VIEWER_LANGUAGES))("%s has every English key, non-empty, same placeholders", (lang) => {
    expect(translationProblems(en, VIEWER_LANGUAGES[lang as keyof typeof VIEWER_LANGUAGES])).toEqual([]);
  });

  it("picks the first preferred language it has, by its base tag", () => {
    expect(pickLanguage(["ko-KR", "en-US"])).toBe("ko");
    expect(pickLanguage(["fr-FR", "ko"])).toBe("ko");
    expect(pickLanguage(["en-GB", "ko"])).toBe("en");
  });

  it("falls back to English for languages it does not have", () => {
    expect(pickLanguage(["fr-FR", "de"])).toBe("en");
    expect(pickLanguage([])).toBe("en");
  });

  it("fills placeholders in the chosen language", () => {
    expect(translator("ko")("fullDetail", { limit: 10 })).toBe(
      "최대 10명까지 볼 수 있어요. 나중에 다시 시도하세요.",
    );
    expect(translator("en")("fullDetail", { limit: 10 })).toBe("It allows 10 viewers. Try again later.");
  });
});
