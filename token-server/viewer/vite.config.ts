/**
 * Builds the viewer page into `dist/index.html`, one file with its script and styles inline (see
 * `inline-page.ts`), served by the token server at `/v/:id`.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { inlinePage } from "./inline-page.ts";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
// The KVS SDK's Node-only imports: the browser has WebSocket and WebCrypto itself.
const alias = {
  ws: here("../../rtc/shims/empty.ts"),
  "isomorphic-webcrypto": here("../../rtc/shims/webcrypto.ts"),
};

export default defineConfig({
  root: here("."),
  base: "/v/",
  publicDir: false,
  plugins: [inlinePage(here("src/early-join-script.ts"), alias)],
  resolve: { alias },
  build: {
    outDir: here("dist"),
    emptyOutDir: true,
    assetsDir: "assets",
    // Images and fonts stay files; the CSP allows only the inline blocks the server has hashed.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: "es2020",
    reportCompressedSize: false,
  },
});
