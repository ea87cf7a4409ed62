import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";

/**
 * Public half of the extension's signing key: it pins the id to jobbmflihfglflgiiaejccmgglfokehl
 * wherever the build is loaded from, so tests and the viewer page can name it. The private key is
 * not in the repository (only the Chrome Web Store signs releases).
 */
const EXTENSION_KEY =
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwKRPv/VzSBKmt7dq+/kz43I2LFwKjYrKtUO7ikTbZ3CrQVwFWtn2dfIYy1rhtQO+45g7bWHfOdEOgkhLwzL2kGmNm75uVPnZUlWBHYbaRn4gBzkqDI0Hh7mJYo/6Dwhm341PCG5+da9Uuk3Hbolw6e1c1qI0V+o/6zPh/aDsJIuuGHK43/HB1R6ImgJLYqDF8WIXDghNBlbddDhTP4T0WuaHyvvO6TZN4L/HGZa9SXZuFTk42TmkQhFWSPeT5bL5qJGXF7UqKieAZNHRPg0AiOKALpxeLs4trSSQEAVROst89Z5XPbnbsiWN+XEqIxTa60NefjZMR3JL30zskBZQgQIDAQAB";

/** Add-on id for Firefox (AMO and `browser.storage` need a stable one). */
export const FIREFOX_ADDON_ID = "beam@beam-share.dev";

const ICONS = {
  16: "icon/16.png",
  32: "icon/32.png",
  48: "icon/48.png",
  96: "icon/96.png",
  128: "icon/128.png",
};

export default defineConfig({
  srcDir: "extension",
  outDir: ".output",
  publicDir: "extension/public",
  // Each permission is justified in the README ("Permissions"); Firefox gets only what it uses.
  manifest: ({ browser }) => ({
    // The browser fills __MSG_…__ from public/_locales in its UI language (English otherwise).
    default_locale: "en",
    name: "__MSG_appName__",
    description: browser === "firefox" ? "__MSG_appDescriptionFirefox__" : "__MSG_appDescription__",
    icons: ICONS,
    // Both can be changed in the browser's shortcut settings; they work from any tab.
    commands: {
      "stop-share": {
        suggested_key: { default: "Alt+Shift+S" },
        description: "__MSG_commandStopShare__",
      },
      "toggle-pause": {
        suggested_key: { default: "Alt+Shift+P" },
        description: "__MSG_commandTogglePause__",
      },
    },
    action: {
      default_title: "__MSG_appName__",
      default_icon: { 16: "icon/16.png", 32: "icon/32.png" },
    },
    // The default token server runs on loopback; any other server is requested when saved in Options.
    host_permissions: ["http://127.0.0.1/*", "http://localhost/*"],
    ...(browser === "firefox"
      ? {
          // No tabCapture and no offscreen documents in Firefox: the master runs in a sharing tab.
          permissions: ["storage", "notifications", "clipboardWrite"],
          optional_permissions: ["https://*/*", "http://*/*"],
          browser_specific_settings: {
            gecko: {
              id: FIREFOX_ADDON_ID,
              strict_min_version: "140.0",
              // The shared tab, screen or camera leaves the device for the person's own server and viewers.
              data_collection_permissions: { required: ["websiteContent", "personalCommunications"] },
            },
            // Firefox for Android reads data_collection_permissions from 142.
            gecko_android: { strict_min_version: "142.0" },
          },
        }
      : {
          key: EXTENSION_KEY,
          // tabs.onRemoved and activeTab's tab URL need no "tabs" permission.
          permissions: ["storage", "offscreen", "tabCapture", "activeTab", "notifications", "clipboardWrite"],
          optional_host_permissions: ["https://*/*", "http://*/*"],
        }),
  }),
  // `wxt zip -b firefox` also packs the sources AMO asks for; nothing git-ignored, above all not the
  // token secret in .beam/.
  zip: {
    excludeSources: [
      ".beam/**",
      "**/.env",
      "**/.env.local",
      "e2e/artifacts/**",
      "bench/results.json",
      "token-server/viewer/dist/**",
      "**/*.log",
    ],
  },
  vite: () => ({
    plugins: [preact()],
    resolve: {
      alias: {
        // The KVS SDK's signer pulls in isomorphic-webcrypto (a CommonJS shim that fills the build
        // with warnings); the master's URLs are presigned by the server, so the browser's own
        // WebCrypto stands in, as in the viewer page's build.
        "isomorphic-webcrypto": fileURLToPath(new URL("rtc/shims/webcrypto.ts", import.meta.url)),
      },
    },
  }),
});
