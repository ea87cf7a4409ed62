import { describe, expect, it } from "vitest";
import { fill, placeholders, translationProblems } from "./message-template";

describe("message templates", () => {
  it("fills placeholders by name, in any order, and leaves unknown ones visible", () => {
    expect(fill("{time} 입장 · {n}", { n: 2, time: "10:04" })).toBe("10:04 입장 · 2");
    expect(fill("Viewer {n}", {})).toBe("Viewer {n}");
  });

  it("lists each placeholder once, sorted", () => {
    expect(placeholders("{b} and {a} and {b}")).toEqual(["a", "b"]);
    expect(placeholders("none")).toEqual([]);
  });
});

describe("translationProblems", () => {
  const en = { hello: "Hello {name}", bye: "Bye" };

  it("accepts a complete translation", () => {
    expect(translationProblems(en, { hello: "{name}님 안녕하세요", bye: "안녕히 가세요" })).toEqual([]);
  });

  it("finds missing, empty and extra keys", () => {
    expect(translationProblems(en, { hello: "{name}", extra: "x" })).toEqual([
      "bye is missing",
      "extra is not in the reference language",
    ]);
    expect(translationProblems(en, { hello: "{name}", bye: "  " })).toEqual(["bye is empty"]);
  });

  it("finds placeholders that differ between languages", () => {
    expect(translationProblems(en, { hello: "안녕하세요 {nmae}", bye: "안녕" })).toEqual([
      "hello has placeholders {nmae} instead of {name}",
    ]);
  });
});
