import { defineConfig } from "vitest/config";
import { WxtVitest } from "wxt/testing/vitest-plugin";

/**
 * Unit tests: fast, no browser. `WxtVitest` gives extension code an in-memory `browser` (storage,
 * runtime) so modules that define WXT storage items can be imported in Node. The browser suite has
 * its own config in `e2e/` and runs in a loopback-only network namespace.
 */
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ["**/*.test.ts"],
    setupFiles: ["extension/testing/english-i18n.ts"],
    // The AWS SDK warns once per process that it will need Node 22 from 2027; it is noise here.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    exclude: ["e2e/**", "**/node_modules/**", ".output/**", ".wxt/**", "**/dist/**"],
  },
});
