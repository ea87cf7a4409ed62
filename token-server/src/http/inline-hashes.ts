import { createHash } from "node:crypto";

/** CSP source expressions (`'sha256-…'`) for a page's inline `<script>` (without `src`) and `<style>` blocks. */
export interface InlineHashes {
  scripts: string[];
  styles: string[];
}

export const NO_INLINE: InlineHashes = { scripts: [], styles: [] };

/**
 * The browser hashes an inline block's text exactly as written, so the built page is hashed as
 * served; the viewer page's blocks hold no `</script>` or `</style>` (its build checks).
 */
export function inlineHashes(html: string): InlineHashes {
  const found: InlineHashes = { scripts: [], styles: [] };
  // One pass in document order, so a "<style" written inside a script is not taken for a block.
  for (const [, tag, attributes = "", text = ""] of html.matchAll(BLOCK)) {
    if (tag?.toLowerCase() === "style") found.styles.push(sha256Source(text));
    else if (!/\ssrc=/i.test(attributes)) found.scripts.push(sha256Source(text));
  }
  return found;
}

const BLOCK = /<(script|style)(\s[^>]*)?>([\s\S]*?)<\/\1>/gi;

export function sha256Source(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}
