import { defineConfig } from "vitest/config";

/** Unit tests: fast, no browser. The browser suite has its own config in `e2e/` and runs in a netns. */
export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["e2e/**", "**/node_modules/**", ".output/**", ".wxt/**", "**/dist/**"],
  },
});
