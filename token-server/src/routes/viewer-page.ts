import { Hono } from "hono";
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

/**
 * `GET /v/:id` serves the viewer page (the session token stays in the URL fragment, so it never
 * reaches this server) under a strict CSP; `/v/assets/*` serves its hashed, immutable assets.
 */
export function viewerPageRoutes(files: ViewerFiles, connectSources: readonly string[]): Hono {
  const routes = new Hono();

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

  routes.get("/v/:id", async (c) => {
    const page = await files.read("index.html");
    c.header("cache-control", "no-cache");
    for (const [name, value] of Object.entries(viewerPageHeaders(connectSources))) c.header(name, value);
    return c.html(page === null ? PLACEHOLDER : new TextDecoder().decode(page));
  });

  return routes;
}
