/** Builds the viewer page into `dist/`: served by the token server at `/v/:id`, assets at `/v/assets/*`. */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here("."),
  base: "/v/",
  publicDir: false,
  resolve: {
    alias: {
      ws: here("shims/empty.ts"),
      "isomorphic-webcrypto": here("shims/webcrypto.ts"),
    },
  },
  build: {
    outDir: here("dist"),
    emptyOutDir: true,
    assetsDir: "assets",
    // Nothing inline: the page runs under `script-src 'self'; style-src 'self'`.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: "es2020",
    reportCompressedSize: false,
  },
});
