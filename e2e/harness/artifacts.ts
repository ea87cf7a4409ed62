import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

/** Where the e2e run writes screenshots (git-ignored). */
export const ARTIFACTS_DIR = fileURLToPath(new URL("../artifacts/", import.meta.url));

/** `e2e/artifacts/<name>.png`, with the folder created; for browsers other than Playwright's. */
export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, `${name}.png`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = artifactPath(name);
  await page.screenshot({ path, fullPage: true });
  return path;
}
