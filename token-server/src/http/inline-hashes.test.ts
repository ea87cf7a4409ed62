import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { inlineHashes, sha256Source } from "./inline-hashes.ts";

const expected = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("inlineHashes", () => {
  it("hashes each inline script and style block as written, and no script loaded by src", () => {
    const html =
      "<head><script>start()</script><script type=\"module\">var a='é';\n</script>" +
      '<script type="module" src="/v/assets/x.js"></script><style>:root{--x:1}</style></head>';
    expect(inlineHashes(html)).toEqual({
      scripts: [expected("start()"), expected("var a='é';\n")],
      styles: [expected(":root{--x:1}")],
    });
  });

  it("does not take a tag written inside a script for a block of its own", () => {
    const code = 'document.head.append("<style>p{}</style>")';
    expect(inlineHashes(`<script>${code}</script><style>a{}</style>`)).toEqual({
      scripts: [expected(code)],
      styles: [expected("a{}")],
    });
  });

  it("finds nothing in a page without inline blocks", () => {
    expect(inlineHashes("<!doctype html><p>Beam</p>")).toEqual({ scripts: [], styles: [] });
  });

  it("writes the CSP source expression of a known digest", () => {
    // sha256("") is the well-known e3b0c442…b855.
    expect(sha256Source("")).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  });
});
