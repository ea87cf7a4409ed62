import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";

export default defineConfig({
  srcDir: "extension",
  outDir: ".output",
  manifest: {
    name: "Beam",
    description: "Share a tab or your camera with a link, in two clicks.",
    permissions: ["storage", "offscreen", "tabCapture", "activeTab", "clipboardWrite"],
    host_permissions: ["http://127.0.0.1/*", "http://localhost/*"],
    action: { default_title: "Beam" },
  },
  vite: () => ({ plugins: [preact()] }),
});
