/**
 * Test helper: the server as `buildServer` makes it, on a real loopback socket, against an emulator
 * the caller started (several servers may share one: restarts). Unit, e2e and bench helpers use it.
 */
import { tmpdir } from "node:os";
import type { Hono } from "hono";
import type { Clock } from "../clock.ts";
import { type AbuseLimits, type Config, loadConfig } from "../config.ts";
import { type EmulatorCredentials, type RunningEmulator, startEmulator } from "../emulator/index.ts";
import type { KvsBackend } from "../kvs/port.ts";
import { type Logger, silentLogger } from "../logger.ts";
import { buildServer } from "../server.ts";
import type { ViewerFiles } from "../viewer-files.ts";
import { TEST_CREDENTIALS, TEST_TOKEN_SECRET } from "./credentials.ts";
import { listenLazily } from "./listen-lazily.ts";

export async function startTestEmulator(
  options: { tls?: boolean; stateFile?: string } = {},
): Promise<RunningEmulator> {
  return startEmulator({ credentials: TEST_CREDENTIALS, host: "127.0.0.1", port: 0, ...options });
}

export interface BeamServer {
  url: string;
  port: number;
  app: Hono;
  kvs: KvsBackend;
  close(): Promise<void>;
}

export const noViewerFiles: ViewerFiles = { read: async () => null };

/** Settings overriding the test defaults below; `http` applies Node's timeouts and cap as main.ts does. */
export type TestServerOptions = Partial<Omit<Config, "publicUrl" | "tokenSecrets">> & {
  tokenSecret?: string;
  /** The emulator's identity (default: TEST_CREDENTIALS). */
  credentials?: EmulatorCredentials;
  /** Listen on this port (a restart keeps its predecessor's); default: a free one. */
  port?: number;
  /** A name viewer links carry instead of 127.0.0.1 (mapped to loopback in the browsers). */
  publicHost?: string;
  clock?: Clock;
  logger?: Logger;
  viewerFiles?: ViewerFiles;
};

/** No rate limits, session cap or seat limit: tests opt in (what 0 means in AbuseLimits). */
const NO_LIMITS: Omit<AbuseLimits, "viewerSeatSeconds"> = {
  trustProxyHops: 0,
  sessionsPerMinute: 0,
  joinsPerMinute: 0,
  sharerPerMinute: 0,
  maxSessions: 0,
  viewersPerSession: 0,
};

/** Starts the server over HTTP against `emulator`: listening first, as its URL goes into viewer links. */
export async function startBeamServer(
  emulator: RunningEmulator,
  options: TestServerOptions = {},
): Promise<BeamServer> {
  const { tokenSecret, credentials, port, publicHost, clock, logger, viewerFiles, ...settings } = options;
  const defaults = loadConfig(
    { TOKEN_SECRET: tokenSecret ?? TEST_TOKEN_SECRET, BEAM_KVS: "emulator" },
    { repoRoot: tmpdir() },
  );
  const listener = await listenLazily(port ?? 0, settings.http);
  const server = await buildServer(
    {
      ...defaults,
      publicUrl: publicHost ? `http://${publicHost}:${listener.port}` : listener.url,
      sessionTtlSeconds: 3600,
      presignExpiresSeconds: 60,
      abuse: { ...defaults.abuse, ...NO_LIMITS },
      ...settings,
    },
    {
      emulator: { running: emulator, credentials: credentials ?? TEST_CREDENTIALS },
      logger: logger ?? silentLogger,
      viewerFiles: viewerFiles ?? noViewerFiles,
      ...(clock ? { clock } : {}),
    },
  );
  listener.serve(server.app);
  return {
    url: listener.url,
    port: listener.port,
    app: server.app,
    kvs: server.kvs,
    async close() {
      await listener.close();
      await server.close();
    },
  };
}
