#!/usr/bin/env node
/**
 * Runs the end-to-end suite: builds the extension and the viewer page with network access, then runs
 * vitest inside a private network namespace that has only loopback, so WebRTC media can never leave
 * the machine. Fails (never skips) when Chromium is missing.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const CHROMIUM = "/usr/bin/chromium";
const FIREFOX = "/usr/bin/firefox-esr";
const TURNSERVER = "/usr/bin/turnserver";
const root = fileURLToPath(new URL("..", import.meta.url));

function fail(message) {
  console.error(`\ne2e: ${message}\n`);
  process.exit(1);
}

function run(label, command, args) {
  console.log(`\ne2e: ${label}: ${[command, ...args].join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.error) fail(`${label} could not start: ${result.error.message}`);
  console.log(
    `e2e: ${label} finished in ${((Date.now() - started) / 1000).toFixed(1)} s (exit ${result.status})`,
  );
  return result.status ?? 1;
}

if (!existsSync(FIREFOX)) {
  fail(
    `${FIREFOX} is missing. The Firefox tests need Debian's Firefox ESR: ` +
      "`apt-get install -y firefox-esr` (.ci/run installs it on a fresh machine).",
  );
}

if (!existsSync(CHROMIUM)) {
  fail(
    `${CHROMIUM} is missing. The end-to-end tests need Debian's Chromium: ` +
      "`apt-get install -y chromium` (.ci/run installs it on a fresh machine).",
  );
}

if (!existsSync(TURNSERVER)) {
  fail(
    `${TURNSERVER} is missing. The TURN relay test runs Debian's coturn: ` +
      "`apt-get install -y coturn` (.ci/run installs it on a fresh machine).",
  );
}

// Browsers update underneath the suite (Debian ships new ones weekly): say which ones it ran on.
const version = (path) => spawnSync(path, ["--version"], { encoding: "utf8" }).stdout.trim();
console.log(`e2e: browsers: ${version(CHROMIUM)}; ${version(FIREFOX)}`);

if (run("build extension", "npx", ["wxt", "build"]) !== 0) fail("the extension build failed");
if (run("build Firefox extension", "npx", ["wxt", "build", "-b", "firefox"]) !== 0)
  fail("the Firefox extension build failed");
if (run("build viewer", "npm", ["run", "build:viewer"]) !== 0) fail("the viewer page build failed");

const vitest = ["npx", "vitest", "run", "--config", "e2e/vitest.config.ts", ...process.argv.slice(2)];
const quoted = vitest.map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(" ");
const status = run("tests (loopback-only network namespace)", "unshare", [
  "-rn",
  "sh",
  "-c",
  // The default route through lo is for Firefox: a page that is not capturing gathers ICE candidates
  // only on the default route's interface, so without one it offers none (lo is still all there is).
  `ip link set lo up && ip route add default dev lo src 127.0.0.1 && exec ${quoted}`,
]);
process.exit(status);
