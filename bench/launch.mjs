#!/usr/bin/env node
/**
 * `npm run bench`: builds the extension and the viewer page (outside, with network access), then
 * runs bench/run.ts inside a private network namespace that has only loopback, so WebRTC media and
 * every socket stay on this machine.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function run(label, command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`bench: ${label} failed (exit ${result.status ?? result.error?.message})`);
    process.exit(1);
  }
}

run("extension build", "npx", ["wxt", "build"]);
run("viewer build", "npm", ["run", "build:viewer"]);
const status = spawnSync(
  "unshare",
  [
    "-rn",
    "sh",
    "-c",
    'ip link set lo up && exec node --import tsx bench/run.ts "$@"',
    "bench",
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: "inherit" },
).status;
process.exit(status ?? 1);
