import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";

/**
 * Public half of the extension's signing key: it pins the id to jobbmflihfglflgiiaejccmgglfokehl
 * wherever the build is loaded from, so tests and the viewer page can name it. The private key is
 * not in the repository (only the Chrome Web Store signs releases).
 */
const EXTENSION_KEY =
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwKRPv/VzSBKmt7dq+/kz43I2LFwKjYrKtUO7ikTbZ3CrQVwFWtn2dfIYy1rhtQO+45g7bWHfOdEOgkhLwzL2kGmNm75uVPnZUlWBHYbaRn4gBzkqDI0Hh7mJYo/6Dwhm341PCG5+da9Uuk3Hbolw6e1c1qI0V+o/6zPh/aDsJIuuGHK43/HB1R6ImgJLYqDF8WIXDghNBlbddDhTP4T0WuaHyvvO6TZN4L/HGZa9SXZuFTk42TmkQhFWSPeT5bL5qJGXF7UqKieAZNHRPg0AiOKALpxeLs4trSSQEAVROst89Z5XPbnbsiWN+XEqIxTa60NefjZMR3JL30zskBZQgQIDAQAB";

export default defineConfig({
  srcDir: "extension",
  outDir: ".output",
  publicDir: "extension/public",
  manifest: {
    name: "Beam",
    description: "Share a tab or your camera with a link, in two clicks.",
    key: EXTENSION_KEY,
    // tabs.onRemoved and activeTab's tab URL need no "tabs" permission.
    permissions: ["storage", "offscreen", "tabCapture", "activeTab", "notifications"],
    // The default token server runs on loopback; any other server is requested when saved in Options.
    host_permissions: ["http://127.0.0.1/*", "http://localhost/*"],
    optional_host_permissions: ["https://*/*", "http://*/*"],
    // Both can be changed in chrome://extensions/shortcuts; they work from any tab.
    commands: {
      "stop-share": {
        suggested_key: { default: "Alt+Shift+S" },
        description: "Stop sharing",
      },
      "toggle-pause": {
        suggested_key: { default: "Alt+Shift+P" },
        description: "Pause or resume the share",
      },
    },
    icons: { 16: "icon/16.png", 32: "icon/32.png", 48: "icon/48.png", 128: "icon/128.png" },
    action: {
      default_title: "Beam",
      default_icon: { 16: "icon/16.png", 32: "icon/32.png" },
    },
  },
  vite: () => ({ plugins: [preact()] }),
});
