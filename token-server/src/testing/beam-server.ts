/** Test helper: the real app on a real socket, against a real emulator, all on ephemeral loopback ports. */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { emulatorPresence } from "../abuse/viewer-presence.ts";
import { type AppConfig, createApp } from "../app.ts";
import type { Clock } from "../clock.ts";
import { type RunningEmulator, startEmulator } from "../emulator/index.ts";
import { capConnections, type HttpLimits, nodeServerOptions } from "../http/node-limits.ts";
import { createKvsBackend } from "../kvs/create-backend.ts";
import type { KvsBackend } from "../kvs/port.ts";
import { type Logger, silentLogger } from "../logger.ts";
import { createTokenService } from "../tokens.ts";
import type { TurnUsers } from "../turn/turn-users.ts";
import type { ViewerFiles } from "../viewer-files.ts";

export const TEST_CREDENTIALS = { accessKeyId: "AKIDBEAMTEST", secretAccessKey: "beam-test-secret-key" };
export const TEST_TOKEN_SECRET = "test-token-secret-0123456789abcdef";

export async function startTestEmulator(
  options: { tls?: boolean; stateFile?: string } = {},
): Promise<RunningEmulator> {
  return startEmulator({ credentials: TEST_CREDENTIALS, host: "127.0.0.1", port: 0, ...options });
}

export interface BeamServer {
  url: string;
  app: Hono;
  kvs: KvsBackend;
  close(): Promise<void>;
}

export const noViewerFiles: ViewerFiles = { read: async () => null };

/** Starts the app over HTTP against `emulator`. Several servers may share one emulator (restarts). */
export async function startBeamServer(
  emulator: RunningEmulator,
  options: {
    apiKey?: string;
    tokenSecret?: string;
    clock?: Clock;
    logger?: Logger;
    sessionTtlSeconds?: number;
    abuse?: AppConfig["abuse"];
    signalingSources?: readonly string[];
    allowedOrigins?: string[];
    allowedHosts?: string[];
    /** Timeouts and connection cap as main.ts applies them; absent: Node's defaults. */
    http?: HttpLimits;
    turnUsers?: TurnUsers;
  } = {},
): Promise<BeamServer> {
  const clock = options.clock ?? { now: () => Date.now() };
  const kvs = createKvsBackend({
    mode: "emulator",
    connection: {
      region: emulator.region,
      endpoint: emulator.endpoint,
      credentials: TEST_CREDENTIALS,
      ...(emulator.certificatePem ? { caPem: emulator.certificatePem } : {}),
    },
    channelPrefix: "beam-",
    presignExpiresSeconds: 60,
    clock,
  });
  // Listen first: the app needs its own URL (viewer links, CORS) when it is built.
  let app: Hono | undefined;
  // Pass the env on: it carries the socket that `getConnInfo` reads the client address from.
  const server = serve({
    fetch: (request, env) => (app as Hono).fetch(request, env),
    hostname: "127.0.0.1",
    port: 0,
    ...(options.http ? { serverOptions: nodeServerOptions(options.http) } : {}),
  }) as Server;
  if (options.http) capConnections(server, options.http);
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app = createApp({
    config: {
      apiKey: options.apiKey,
      publicUrl: url,
      sessionTtlSeconds: options.sessionTtlSeconds ?? 3600,
      ...(options.abuse ? { abuse: options.abuse } : {}),
      ...(options.signalingSources ? { signalingSources: options.signalingSources } : {}),
      ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
      ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
    },
    kvs: kvs.backend,
    tokens: createTokenService({ secrets: [options.tokenSecret ?? TEST_TOKEN_SECRET], clock }),
    clock,
    logger: options.logger ?? silentLogger,
    viewerFiles: noViewerFiles,
    ...(options.turnUsers ? { turnUsers: options.turnUsers } : {}),
    // As main.ts does with its embedded emulator.
    viewerPresence: emulatorPresence(emulator, "beam-"),
  });
  return {
    url,
    app,
    kvs: kvs.backend,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
      kvs.close();
    },
  };
}
