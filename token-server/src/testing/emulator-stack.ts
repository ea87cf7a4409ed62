/**
 * What the e2e harness and the benchmarks both build around the token server: a KVS emulator with
 * fresh credentials and the server's default settings (a server joins it with `startBeamServer`).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Config, loadConfig } from "../config.ts";
import {
  type EmulatorCredentials,
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from "../emulator/index.ts";
import type { KvsConnection } from "../kvs/clients.ts";
import { emulatorConnection } from "../kvs/connect.ts";

export interface EmulatorStack {
  emulator: RunningEmulator;
  credentials: EmulatorCredentials;
  /** How the server reaches the emulator (over loopback, whatever host browsers are given). */
  connection: KvsConnection;
  /** The token server's settings as `npm start` would load them, with a fresh token secret. */
  defaults: Config;
  /** Stops the emulator and removes the data directory. */
  close(): Promise<void>;
}

export async function startEmulatorStack(
  options: Omit<EmulatorOptions, "credentials" | "region"> = {},
): Promise<EmulatorStack> {
  const dataDir = mkdtempSync(join(tmpdir(), "beam-stack-"));
  const defaults = loadConfig(
    { TOKEN_SECRET: randomBytes(32).toString("base64url"), BEAM_DATA_DIR: dataDir, BEAM_KVS: "emulator" },
    { repoRoot: dataDir },
  );
  const credentials = {
    accessKeyId: `AKID${randomBytes(8).toString("hex").toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString("base64url"),
  };
  const emulator = await startEmulator({ credentials, region: defaults.kvs.region, ...options });
  return {
    emulator,
    credentials,
    connection: emulatorConnection({ running: emulator, credentials }),
    defaults,
    async close() {
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
