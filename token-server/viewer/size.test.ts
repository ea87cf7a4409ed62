import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BUDGET_BYTES = 30 * 1024;
const configFile = fileURLToPath(new URL("vite.config.ts", import.meta.url));

const listFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );

describe("viewer page build", () => {
  let outDir: string;
  let files: string[];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), "beam-viewer-"));
    await build({ configFile, logLevel: "silent", build: { outDir, emptyOutDir: true } });
    files = listFiles(outDir).map((file) => relative(outDir, file));
  }, 60_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("fits everything the page loads in 30 KB gzip", () => {
    const sizes = files.map((file) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(files).toContain("index.html");
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it("is one file: the early-join classic script first, then the bundle and its styles inline", () => {
    expect(files).toEqual(["index.html"]);
    const html = readFileSync(join(outDir, "index.html"), "utf8");
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map(([, attributes]) => attributes)).toEqual(["", ' type="module"']);
    expect(html.indexOf("<script>")).toBeLessThan(html.indexOf("<meta name="));
    expect(scripts[0]?.[2]).toContain("/api/sessions/");
    expect(html.match(/<style>/g)).toHaveLength(1);
    // The CSP hashes inline blocks only; an inline style attribute would need 'unsafe-hashes'.
    expect(html).not.toMatch(/\sstyle=|\ssrc=|rel="stylesheet"/);
  });

  it("keeps the SDK's Node and polyfill packages out of the bundle", () => {
    const bundle = readFileSync(join(outDir, "index.html"), "utf8");
    // Strings only these contain: `ws` (its Node build, or its browser stub), the WebCrypto polyfill.
    const markers = ["permessage-deflate", "ws does not work", "msCrypto", "process.env"];
    expect(markers.filter((marker) => bundle.includes(marker))).toEqual([]);
  });
});
