import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allowedOrigins, BEAM_CHROME_EXTENSION_ORIGIN, normalizeOrigin, ORIGIN_PATTERN } from "./origins.ts";

/** Chrome's rule: the first 16 bytes of SHA-256 of the DER public key, each hex digit 0-f written a-p. */
function chromeExtensionId(publicKeyBase64: string): string {
  const hex = createHash("sha256").update(Buffer.from(publicKeyBase64, "base64")).digest("hex").slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join("");
}

describe("allowed origins", () => {
  it("names the Chrome extension id that the manifest key in wxt.config.ts pins", () => {
    const wxtConfig = readFileSync(new URL("../../../wxt.config.ts", import.meta.url), "utf8");
    const key = /const EXTENSION_KEY =\s*"([^"]+)"/.exec(wxtConfig)?.[1];
    expect(key).toBeDefined();
    expect(`chrome-extension://${chromeExtensionId(key as string)}`).toBe(BEAM_CHROME_EXTENSION_ORIGIN);
  });

  it("allows the server's own origin, Beam's Chrome extension and configured origins only", () => {
    const firefox = "moz-extension://0a1b2c3d-1111-2222-3333-444455556666";
    const isAllowed = allowedOrigins("https://beam.example.com/base", [firefox]);
    expect(isAllowed("https://beam.example.com")).toBe(true);
    expect(isAllowed(BEAM_CHROME_EXTENSION_ORIGIN)).toBe(true);
    expect(isAllowed(firefox)).toBe(true);
    expect(isAllowed("chrome-extension://abcdefghijklmnopabcdefghijklmnop")).toBe(false);
    expect(isAllowed("moz-extension://9a1b2c3d-1111-2222-3333-444455556666")).toBe(false);
    expect(isAllowed("http://beam.example.com")).toBe(false);
    expect(isAllowed("null")).toBe(false);
  });

  it("accepts extension and web origins as configuration, not URLs with paths or wildcards", () => {
    const ok = [
      "chrome-extension://abcdefghijklmnopabcdefghijklmnop",
      "moz-extension://0a1b2c3d-1111-2222-3333-444455556666",
      "https://beam.example.com",
      "http://192.168.1.20:8787",
      "http://[fd00::2]:8787",
    ];
    for (const origin of ok) expect(ORIGIN_PATTERN.test(normalizeOrigin(origin))).toBe(true);
    const bad = ["chrome-extension://*", "moz-extension://*", "https://beam.example.com/path", "*", "null"];
    for (const origin of bad) expect(ORIGIN_PATTERN.test(normalizeOrigin(origin))).toBe(false);
    expect(normalizeOrigin(" HTTPS://Beam.Example.com/ ")).toBe("https://beam.example.com");
  });
});
