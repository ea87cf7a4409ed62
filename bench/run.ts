/**
 * `npm run bench` (through bench/launch.mjs, inside a loopback-only network namespace): runs every
 * benchmark in this process tree, prints one table and writes bench/results.json. Benchmarks are
 * not tests: nothing here fails on a missed goal; the table says MISS. `-- --only a,b` runs some
 * parts only (bench/lib/parts.ts).
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { AWS_DELAY_MS, awsCallFigures } from "./figures/aws-calls";
import { BROWSER_PARTS, type BrowserDetails, browserFigures, RUNS } from "./figures/browser";
import { emulatorCapacityFigures } from "./figures/emulator-capacity";
import { httpServerFigures } from "./figures/http-server";
import { pageWeightFigures } from "./figures/page-weight";
import type { Figure } from "./lib/figure";
import { selectParts } from "./lib/parts";
import { formatTable } from "./lib/table";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const RESULTS = fileURLToPath(new URL("./results.json", import.meta.url));
const started = Date.now();
const log = (line: string) => console.log(`bench: ${line}`);

const figures: Figure[] = [];
const errors: { bench: string; message: string }[] = [];
const details: BrowserDetails = { phases: {}, samples: {} };

async function section(name: string, run: () => Promise<Figure[]> | Figure[]): Promise<void> {
  log(`${name}…`);
  const t = Date.now();
  try {
    figures.push(...(await run()));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    errors.push({ bench: name, message });
    log(`${name} FAILED: ${message}`);
  }
  log(`${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

const parts = selectParts(process.argv.slice(2));
const browserParts = [...parts].filter((part) => BROWSER_PARTS.includes(part));
const loadAtStart = loadavg();
if (parts.has("page-weight")) await section("page weight", pageWeightFigures);
if (parts.has("aws-calls")) await section("AWS calls per join", awsCallFigures);
if (parts.has("http")) await section("token server under load", () => httpServerFigures(log));
if (parts.has("emulator")) await section("emulator capacity", () => emulatorCapacityFigures(log));
if (browserParts.length > 0) {
  await section(`browser (${browserParts.join(", ")})`, () => browserFigures(log, details, parts));
}

const results = {
  startedAt: new Date(started).toISOString(),
  durationSeconds: Math.round((Date.now() - started) / 1000),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    loadAverageAtStart: loadAtStart.map((n) => Number(n.toFixed(2))),
    loadAverageAtEnd: loadavg().map((n) => Number(n.toFixed(2))),
    node: process.version,
    chromium: details.chromium ?? "unknown",
  },
  settings: { awsDelayMs: AWS_DELAY_MS, runs: RUNS, parts: [...parts] },
  figures,
  joinPhasesMedianMs: details.phases,
  samples: details.samples,
  errors,
};
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);

console.log(`\n${formatTable(figures)}\n`);
for (const figure of figures.filter((f) => f.note)) console.log(`- ${figure.label}: ${figure.note}`);
for (const [flow, phases] of Object.entries(details.phases)) {
  console.log(`\njoin phases, median ms (${flow}):`);
  for (const [phase, ms] of Object.entries(phases)) console.log(`  ${phase.padEnd(40)} ${ms.toFixed(0)}`);
}
const load = results.machine.loadAverageAtStart[0] ?? 0;
if (load > results.machine.cpus) {
  console.log(
    `\nThe machine was busy (load average ${load} on ${results.machine.cpus} cores): figures are noisy.`,
  );
}
console.log(
  `\nbench: ${figures.length} figures, ${errors.length} errors, ${results.durationSeconds} s → ${RESULTS}`,
);
process.exit(errors.length > 0 ? 1 : 0);
