/** Shared fast-check arbitraries for the fuzz suites: inputs that tend to break parsers. */
import fc from "fast-check";

/** Control characters, lone surrogates, path tricks, number edge cases, runs of separators. */
export const nasty: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "..",
    "../..",
    "%00",
    "%ff",
    "%2e%2e%2f",
    "\u0000",
    "\ud800",
    "null",
    "[]",
    "{}",
    "1e999",
    "-0",
    "__proto__",
    "constructor",
    "AWS_x",
  ),
  fc.string({ unit: fc.constantFrom("a", "%", "/", ".", "=", "-", "+"), maxLength: 300 }),
);

/** Any JSON value, shallow enough to stay fast. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

/** Percent-encodes what it can; a lone surrogate becomes the bytes of an invalid UTF-8 sequence. */
export function enc(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text.replace(/[\ud800-\udfff]/g, "%ED%A0%80").replace(/[^\w%.-]/g, "_");
  }
}

/** Path segments sent as they are: broken percent-escapes and encoded separators. */
export const rawSegment: fc.Arbitrary<string> = fc.constantFrom(
  "%",
  "%zz",
  "%ff",
  "%c0%af",
  "%2F",
  "%00",
  "a%",
  "..%2f..",
);

/** Strings that are base64, almost base64, or not at all. */
export const base64ish: fc.Arbitrary<string> = fc.oneof(
  fc.base64String({ maxLength: 400 }),
  fc.base64String({ minLength: 4, maxLength: 100 }).map((b) => `${b}!`),
  fc.constantFrom("", "=", "====", "YQ", "YQ===", "Zm9v\n", "Zm9v Zm9v", "-_-_"),
  nasty,
);
