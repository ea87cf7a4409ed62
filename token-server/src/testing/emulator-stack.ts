/**
 * What the e2e harness and the benchmarks both build around the token server: a KVS emulator with
 * fresh credentials, the server's default settings, and an HTTP listener whose app is built once its
 * URL (the public URL viewer links carry) is known.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import type { Hono } from "hono";
import { systemClock } from "../clock.ts";
import { type Config, loadConfig } from "../config.ts";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../emulator/index.ts";
import type { KvsConnection } from "../kvs/clients.ts";
import { createKvsBackend } from "../kvs/create-backend.ts";

export interface EmulatorStack {
  emulator: RunningEmulator;
  /** How the server reaches the emulator (over loopback, whatever host browsers are given). */
  connection: KvsConnection;
  /** The token server's settings as `npm start` would load them, with a fresh token secret. */
  defaults: Config;
  /** A KVS backend as main.ts builds it; each call is a fresh one (a restarted server holds nothing). */
  createBackend(): ReturnType<typeof createKvsBackend>;
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
  const connection = {
    region: emulator.region,
    endpoint: emulator.localEndpoint,
    signalingEndpoint: emulator.localEndpoint,
    credentials,
  };
  return {
    emulator,
    connection,
    defaults,
    createBackend: () =>
      createKvsBackend({
        mode: "emulator",
        connection,
        channelPrefix: defaults.channelPrefix,
        presignExpiresSeconds: defaults.presignExpiresSeconds,
        clock: systemClock,
      }),
    async close() {
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Listener {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** What `listenLazily` serves: a Hono app, or anything with the same `fetch`. */
export type FetchApp = Pick<Hono, "fetch">;

/** Listens on loopback (`port` 0 picks one); answers 503 until `build` has made the app for its URL. */
export async function listenLazily(
  port: number,
  build: (url: string, port: number) => FetchApp,
): Promise<Listener> {
  let app: FetchApp | undefined;
  const server = createAdaptorServer({
    // Forwards the adapter's env ({ incoming, outgoing }) as `serve({ fetch: app.fetch })` in main.ts does.
    fetch: (request: Request, env: unknown) =>
      app ? app.fetch(request, env) : new Response("starting", { status: 503 }),
  }) as Server;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${bound}`;
  app = build(url, bound);
  return {
    server,
    port: bound,
    url,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
