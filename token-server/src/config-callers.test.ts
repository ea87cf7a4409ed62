import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

/** The settings of who may call the server: ALLOWED_ORIGINS and ALLOWED_HOSTS. */

const dirs: string[] = [];
function repoRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), "beam-config-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env, { repoRoot: repoRoot() });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadConfig: callers", () => {
  it("reads extra allowed origins and host names, normalised, and refuses wildcards", () => {
    const root = repoRoot();
    const firefox = "moz-extension://0a1b2c3d-1111-2222-3333-444455556666";
    const config = loadConfig(
      { ALLOWED_ORIGINS: ` ${firefox}, HTTPS://Beam.Example.com/ ` },
      { repoRoot: root },
    );
    expect(config.allowedOrigins).toEqual([firefox, "https://beam.example.com"]);
    expect(loadConfig({}, { repoRoot: root }).allowedOrigins).toEqual([]);
    expect(
      loadConfig({ ALLOWED_HOSTS: "Beam.LAN,beam.example.com" }, { repoRoot: root }).allowedHosts,
    ).toEqual(["beam.lan", "beam.example.com"]);
    expect(problemsOf({ ALLOWED_HOSTS: "*.example.com" })).toEqual([
      expect.stringMatching(/^ALLOWED_HOSTS\.0: each entry must be a host name/),
    ]);
    expect(problemsOf({ ALLOWED_ORIGINS: "chrome-extension://*" })).toEqual([
      expect.stringMatching(/^ALLOWED_ORIGINS\.0: each entry must be an origin/),
    ]);
  });
});
