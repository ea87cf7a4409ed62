/**
 * The composition root: everything the token server is made of, built once from its `Config`. The
 * Node entry (`main.ts`), the Lambda handler and the test, e2e and bench helpers all build the server
 * here and only adapt it: listening, signals and start-up messages stay at the edge.
 */

import { networkInterfaces } from "node:os";
import { fileURLToPath } from "node:url";
import type { Hono } from "hono";
import { emulatorPresence } from "./abuse/viewer-presence.ts";
import { createApp } from "./app.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { Config } from "./config.ts";
import type { RunningEmulator } from "./emulator/index.ts";
import { ANY_WEBSOCKET, signalingSources } from "./http/security-headers.ts";
import { createJanitor, type JanitorReport } from "./janitor.ts";
import { connectKvs, type ExternalEmulator } from "./kvs/connect.ts";
import { KVS_VIEWER_CONNECTS_PER_SECOND } from "./kvs/connect-slots.ts";
import { createKvsBackend } from "./kvs/create-backend.ts";
import type { KvsBackend } from "./kvs/port.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createTokenService } from "./tokens.ts";
import { type RunningCoturn, startCoturn } from "./turn/coturn.ts";
import { coturnOptions, emulatorTurn } from "./turn/turn-config.ts";
import { turnUsersFor } from "./turn/turn-users.ts";
import { type ViewerFiles, viewerFilesFromDir } from "./viewer-files.ts";

export const VIEWER_DIST = fileURLToPath(new URL("../viewer/dist", import.meta.url));

export interface ServerOptions {
  /** Use this running emulator instead of starting one (emulator mode); it outlives the server. */
  emulator?: ExternalEmulator;
  /** AWS mode: the control-plane endpoint instead of AWS's regional one (Lambda tests). */
  kvsEndpoint?: string;
  clock?: Clock;
  logger?: Logger;
  /** Default: the built viewer page in token-server/viewer/dist. */
  viewerFiles?: ViewerFiles;
}

export interface Server {
  app: Hono;
  kvs: KvsBackend;
  logger: Logger;
  /** Built, not started: the Node entry runs it on an interval; Lambda instances leave it to one. */
  janitor: { run(): Promise<JanitorReport> };
  /** The emulator the server talks to (embedded or given); absent in AWS mode. */
  emulator?: RunningEmulator;
  /** The coturn this server started (TURN=coturn). */
  coturn?: RunningCoturn;
  /** Releases the SDK's sockets and stops what this server started (never a given emulator). */
  close(): Promise<void>;
}

export async function buildServer(config: Config, options: ServerOptions = {}): Promise<Server> {
  const clock = options.clock ?? systemClock;
  const coturn = config.turn.mode === "coturn" ? await startTurn(config.turn) : undefined;
  const turn = emulatorTurn(config.turn);
  const link = await connectKvs(config.kvs, {
    dataDir: config.dataDir,
    ...(turn ? { turn } : {}),
    ...(options.emulator ? { external: options.emulator } : {}),
    ...(options.kvsEndpoint ? { endpoint: options.kvsEndpoint } : {}),
  }).catch(async (error: unknown) => {
    await coturn?.close();
    throw error;
  });
  const logger =
    options.logger ??
    createLogger({
      level: config.logLevel,
      secrets: [
        ...config.knownSecrets,
        link.connection.credentials?.secretAccessKey,
        config.turn.mode === "off" ? undefined : config.turn.secret,
      ],
    });
  const kvs = createKvsBackend({
    mode: config.kvs.mode,
    connection: link.connection,
    channelPrefix: config.channelPrefix,
    presignExpiresSeconds: config.presignExpiresSeconds,
    clock,
  });
  const { emulator } = link;
  const app = createApp({
    config: {
      ...config,
      signalingSources: emulator
        ? signalingSources({ mode: "emulator", wssEndpoint: emulator.wssEndpoint })
        : options.kvsEndpoint
          ? ANY_WEBSOCKET
          : signalingSources({ mode: "aws", region: link.connection.region }),
    },
    kvs: kvs.backend,
    tokens: createTokenService({ secrets: config.tokenSecrets, clock }),
    clock,
    logger,
    viewerFiles: options.viewerFiles ?? viewerFilesFromDir(VIEWER_DIST),
    turnUsers: turnUsersFor(config.turn, clock),
    ...(emulator ? { viewerPresence: emulatorPresence(emulator, config.channelPrefix) } : {}),
    viewerConnectsPerSecond: emulator
      ? emulator.limits.connectsPerSecondPerChannel
      : KVS_VIEWER_CONNECTS_PER_SECOND,
  });
  return {
    app,
    kvs: kvs.backend,
    logger,
    janitor: createJanitor({ kvs: kvs.backend, clock, logger }),
    ...(emulator ? { emulator } : {}),
    ...(coturn ? { coturn } : {}),
    async close() {
      kvs.close();
      await link.close();
      await coturn?.close();
    },
  };
}

function startTurn(turn: Extract<Config["turn"], { mode: "coturn" }>): Promise<RunningCoturn> {
  return startCoturn(coturnOptions(turn, networkInterfaces())).catch((error: Error) => {
    throw new Error(
      `Beam cannot start coturn for TURN=coturn (apt-get install coturn; or set TURN_PORT if ${turn.port} is taken).\n${error.message}`,
      { cause: error },
    );
  });
}
