import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { envSchema } from "./config-schema.ts";
import { emulatorEnvSchema } from "./emulator/env-schema.ts";
import { lambdaEnvSchema } from "./lambda-config.ts";

const example = readFileSync(new URL("../../.env.example", import.meta.url), "utf8");
const documented = new Map(
  [...example.matchAll(/^# ([A-Z][A-Z0-9_]*)=(.*)$/gm)].map(([, name, value]) => [name, value]),
);

/** What `.env.example` shows for a parsed default: scalars as written, anything else (lists, unset) empty. */
const shown = (value: unknown) =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : "";

describe(".env.example", () => {
  it.each([
    ["token server", envSchema],
    ["KVS emulator", emulatorEnvSchema],
    ["Lambda handler", lambdaEnvSchema],
  ] as const)("lists every %s variable with the schema's default", (_, schema) => {
    const defaults = schema.parse({}) as Record<string, unknown>;
    for (const name of Object.keys(schema.shape)) {
      expect(documented.has(name), `${name} is missing`).toBe(true);
      expect(`${name}=${documented.get(name)}`).toBe(`${name}=${shown(defaults[name])}`);
    }
  });

  it("documents nothing the schemas do not read, besides the standalone TURN and contract-test variables", () => {
    const known = new Set([
      ...Object.keys(envSchema.shape),
      ...Object.keys(emulatorEnvSchema.shape),
      ...Object.keys(lambdaEnvSchema.shape),
      "TURN_HOST",
      "TURN_PUBLIC_HOST",
      "BEAM_AWS_CONTRACT",
    ]);
    expect([...documented.keys()].filter((name) => !known.has(name))).toEqual([]);
  });
});
