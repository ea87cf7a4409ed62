/**
 * Vite plugin: the viewer page as one request. The bundle and its CSS go inline into `index.html`,
 * and the early-join script (`src/early-join-script.ts`, built here as a classic script) goes right
 * after `<meta charset>`, so the credential request starts while the bundle is still being parsed.
 * The page's CSP allows these inline blocks by their sha256, which the server computes from the
 * built file (`token-server/src/http/inline-hashes.ts`).
 */
import { type AliasOptions, build, type Plugin } from "vite";

/** `alias`: the page's module aliases, which the early script (it holds the KVS SDK) needs too. */
export function inlinePage(earlyScriptEntry: string, alias: AliasOptions): Plugin {
  return {
    name: "beam-inline-page",
    apply: "build",
    enforce: "post",
    async generateBundle(_options, bundle) {
      const html = bundle["index.html"];
      if (html?.type !== "asset") throw new Error("inline-page: no index.html in the bundle");
      let page = String(html.source);
      const early = await buildClassicScript(earlyScriptEntry, alias);
      page = page.replace(/<meta charset="utf-8"\s*\/?>/i, (meta) => `${meta}\n    ${scriptTag(early, "")}`);
      if (!page.includes(early)) throw new Error("inline-page: index.html has no <meta charset>");

      for (const [fileName, output] of Object.entries(bundle)) {
        if (fileName === "index.html") continue;
        const url = `/v/${fileName}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        if (output.type === "chunk") {
          const tag = new RegExp(`<script type="module"[^>]*src="${url}"[^>]*></script>`);
          page = replaceOnce(page, tag, scriptTag(output.code.trim(), ' type="module"'), fileName);
        } else if (fileName.endsWith(".css")) {
          const tag = new RegExp(`<link rel="stylesheet"[^>]*href="${url}"[^>]*>`);
          const css = String(output.source).trim();
          if (/<\/style/i.test(css)) throw new Error(`inline-page: ${fileName} contains "</style"`);
          page = replaceOnce(page, tag, `<style>${css}</style>`, fileName);
        } else {
          continue;
        }
        delete bundle[fileName];
      }
      html.source = page;
    },
  };
}

/** Inline script text must not end its element early or open an HTML comment. */
function scriptTag(code: string, attributes: string): string {
  if (/<\/script|<!--/i.test(code)) throw new Error('inline-page: a script contains "</script" or "<!--"');
  return `<script${attributes}>${code}</script>`;
}

function replaceOnce(page: string, tag: RegExp, inline: string, fileName: string): string {
  if (!tag.test(page)) throw new Error(`inline-page: index.html does not load ${fileName}`);
  // A function, so `$` in the code is not read as a replacement pattern.
  return page.replace(tag, () => inline);
}

/** A self-contained classic script (IIFE, no imports left): it runs before the document is parsed. */
async function buildClassicScript(entry: string, alias: AliasOptions): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: "silent",
    resolve: { alias },
    // As in the page's own build: the SDK reads `process.env`, which a browser does not have.
    define: { "process.env": "{}" },
    build: {
      write: false,
      minify: true,
      target: "es2020",
      lib: { entry, formats: ["iife"], name: "beamEarlyJoinScript" },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ("output" in r ? r.output : []));
  const chunk = outputs.find((output) => output.type === "chunk");
  if (!chunk || outputs.length !== 1)
    throw new Error("inline-page: the early script did not build to one file");
  return chunk.code.trim();
}
