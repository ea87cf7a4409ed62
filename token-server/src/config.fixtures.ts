/** Test helpers for loadConfig: a throwaway repository root per call, removed after each test. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function repoRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), "beam-config-"));
  dirs.push(dir);
  return dir;
}

/** Every problem loadConfig reports for `env`, or none. */
export function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env, { repoRoot: repoRoot() });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
