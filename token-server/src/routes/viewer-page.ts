import { Hono } from "hono";
import { inlineHashes } from "../http/inline-hashes.ts";
import { viewerPageHeaders } from "../http/security-headers.ts";
import type { ViewerFiles } from "../viewer-files.ts";

const CONTENT_TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
  woff2: "font/woff2",
  json: "application/json",
  map: "application/json",
};

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Beam</title></head>
<body><main><h1>Beam</h1><p>The viewer page has not been built yet. Run <code>npm run build:viewer</code>.</p></main></body></html>
`;

interface ViewerPage {
  html: string;
  headers: Record<string, string>;
}

/**
 * `GET /v/:id` serves the viewer page (the session token stays in the URL fragment, so it never
 * reaches this server) under a strict CSP that allows its inline script and styles by hash;
 * `/v/assets/*` serves any hashed, immutable assets it has beside them.
 */
export function viewerPageRoutes(files: ViewerFiles, connectSources: readonly string[]): Hono {
  const routes = new Hono();
  const build = (html: string): ViewerPage => ({
    html,
    headers: { "cache-control": "no-cache", ...viewerPageHeaders(connectSources, inlineHashes(html)) },
  });
  // Read and hashed once, from start-up on; a page not built yet is looked for again next time.
  let page: Promise<ViewerPage | null> | undefined;
  const loadPage = () => {
    page ??= files.read("index.html").then(
      (bytes) => {
        if (bytes === null) page = undefined;
        return bytes && build(new TextDecoder().decode(bytes));
      },
      (error: unknown) => {
        page = undefined;
        throw error;
      },
    );
    return page;
  };
  loadPage().catch(() => {}); // a read error is reported by the request that meets it

  routes.get("/v/assets/:file{.+}", async (c) => {
    const name = c.req.param("file");
    const body = await files.read(`assets/${name}`);
    if (body === null) return c.notFound();
    const type = CONTENT_TYPES[name.split(".").pop() ?? ""] ?? "application/octet-stream";
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": type,
      "cache-control": "public, max-age=31536000, immutable",
    });
  });

  const placeholder = build(PLACEHOLDER);
  routes.get("/v/:id", async (c) => {
    const { html, headers } = (await loadPage()) ?? placeholder;
    return c.html(html, 200, headers);
  });

  return routes;
}
