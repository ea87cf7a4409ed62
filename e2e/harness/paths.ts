import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The built extension, produced by `wxt build` (e2e/run.mjs builds it before the tests). */
export const EXTENSION_DIR = fileURLToPath(new URL("../../.output/chrome-mv3", import.meta.url));

export function requireBuiltExtension(): string {
  if (!existsSync(`${EXTENSION_DIR}/manifest.json`)) {
    throw new Error(
      `no built extension at ${EXTENSION_DIR}: run \`npx wxt build\` (or \`npm run test:e2e\`)`,
    );
  }
  return EXTENSION_DIR;
}

/** The Firefox build, produced by `wxt build -b firefox` (e2e/run.mjs builds it too). */
export const FIREFOX_EXTENSION_DIR = fileURLToPath(new URL("../../.output/firefox-mv2", import.meta.url));

export function requireBuiltFirefoxExtension(): string {
  if (!existsSync(`${FIREFOX_EXTENSION_DIR}/manifest.json`)) {
    throw new Error(
      `no Firefox build at ${FIREFOX_EXTENSION_DIR}: run \`npx wxt build -b firefox\` (or \`npm run test:e2e\`)`,
    );
  }
  return FIREFOX_EXTENSION_DIR;
}
