import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startDaemon } from "./daemon.ts";

const never = () => new Promise<void>(() => {});

describe("a daemon's private state directory", () => {
  it("is 0700 while the daemon prepares, and gone when preparing fails", async () => {
    let seen = "";
    await expect(
      startDaemon({
        name: "test",
        binary: "/bin/sleep",
        prepare: (stateDir) => {
          seen = stateDir;
          expect(statSync(stateDir).mode & 0o777).toBe(0o700);
          writeFileSync(join(stateDir, "config"), "secret", { mode: 0o600 });
          throw new Error("bad configuration");
        },
        ready: never,
      }),
    ).rejects.toThrow("bad configuration");
    expect(seen).not.toBe("");
    expect(existsSync(seen)).toBe(false);
  });

  it("is gone when the binary cannot run, or exits during start-up", async () => {
    for (const binary of ["/nonexistent/daemon", "/bin/false"]) {
      let seen = "";
      await expect(
        startDaemon({
          name: "test",
          binary,
          prepare: (dir) => {
            seen = dir;
            return [];
          },
          ready: never,
        }),
      ).rejects.toThrow(/cannot run|exited during start-up/);
      expect(existsSync(seen)).toBe(false);
    }
  });

  it("stays while the daemon runs and goes when it stops", async () => {
    const daemon = await startDaemon({
      name: "test",
      binary: "/bin/sleep",
      prepare: () => ["60"],
      ready: async () => {},
    });
    expect(existsSync(daemon.stateDir)).toBe(true);
    await daemon.stop();
    expect(existsSync(daemon.stateDir)).toBe(false);
  });
});
