import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { en } from "./en";

const html = readFileSync(new URL("../../index.html", import.meta.url), "utf8");
const body = html.slice(html.indexOf("<body")).replace(/<svg[\s\S]*?<\/svg>/g, "");

describe("the viewer page's fixed text", () => {
  it("names only keys the tables have", () => {
    const keys = Array.from(html.matchAll(/data-i18n(?:-label)?="([^"]*)"/g), (m) => m[1] as string);
    expect(keys.length).toBeGreaterThan(5);
    expect(keys.filter((key) => !(key in en))).toEqual([]);
  });

  it("keeps the English of each keyed element (shown before the script runs) equal to the table", () => {
    const keyed = Array.from(body.matchAll(/data-i18n="(\w+)"[^>]*>([^<]*)</g), (m) => [m[1], m[2]]);
    expect(keyed.length).toBeGreaterThan(5);
    for (const [key, text] of keyed) expect(text, key).toBe(en[key as keyof typeof en]);
  });

  it("has no words outside the keyed elements but the brand name, and no fixed labels", () => {
    const unkeyed = body
      .replace(/<(\w+)[^>]*data-i18n="\w+"[^>]*>[^<]*<\/\1>/g, "")
      .replace(/<[^>]+>/g, " ")
      .split(/\s+/)
      .filter(Boolean);
    expect(unkeyed).toEqual(["Beam"]);
    expect(body).not.toMatch(/aria-label="/);
  });
});
