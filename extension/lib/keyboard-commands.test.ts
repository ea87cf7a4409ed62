import { describe, expect, it } from "vitest";
import config from "../../wxt.config.ts";
import { COMMANDS, commandAction } from "./keyboard-commands.ts";

describe("keyboard commands", () => {
  it("maps each shortcut to its action and ignores others", () => {
    expect(commandAction("stop-share")).toBe("stop");
    expect(commandAction("toggle-pause")).toBe("toggle-pause");
    expect(commandAction("_execute_action")).toBeNull();
    expect(commandAction("toString")).toBeNull();
  });

  it.each(["chrome", "firefox"])(
    "declares every command in the %s manifest with a suggested key",
    async (browser) => {
      type Manifest = { commands?: Record<string, { suggested_key?: { default?: string } }> };
      const manifest = (
        typeof config.manifest === "function"
          ? await config.manifest({
              browser,
              manifestVersion: browser === "firefox" ? 2 : 3,
              mode: "production",
              command: "build",
            })
          : config.manifest
      ) as Manifest;
      for (const name of Object.keys(COMMANDS)) {
        expect(manifest.commands?.[name]?.suggested_key?.default).toMatch(/^Alt\+Shift\+[A-Z]$/);
      }
    },
  );
});
