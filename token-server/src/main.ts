/** Node entry point: reads config, starts the embedded emulator when there is no AWS, serves the app. */
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { networkInterfaces } from "node:os";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { emulatorPresence } from "./abuse/viewer-presence.ts";
import { createApp } from "./app.ts";
import { systemClock } from "./clock.ts";
import { type Config, ConfigError, isLoopbackHost, loadConfig } from "./config.ts";
import { type RunningEmulator, startEmulator, stateFileIn } from "./emulator/index.ts";
import { capConnections, nodeServerOptions } from "./http/node-limits.ts";
import { signalingSources } from "./http/security-headers.ts";
import { createJanitor, startJanitor } from "./janitor.ts";
import type { KvsConnection } from "./kvs/clients.ts";
import { createKvsBackend } from "./kvs/create-backend.ts";
import { createLogger } from "./logger.ts";
import { createTokenService } from "./tokens.ts";
import { type RunningCoturn, startCoturn } from "./turn/coturn.ts";
import { coturnOptions, emulatorTurn } from "./turn/turn-config.ts";
import { turnUsersFor } from "./turn/turn-users.ts";
import { viewerFilesFromDir } from "./viewer-files.ts";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
// The SDK's start-up notice concerns future SDK releases needing Node 22; the pinned one runs on Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

function readConfig(): Config {
  try {
    return loadConfig(process.env, { repoRoot });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Beam token server cannot start.\n${error.message}`);
    process.exit(1);
  }
}

// Fresh emulator credentials per start: they only ever live inside this process.
const emulatorCredentials = {
  accessKeyId: `AKIA${randomBytes(8).toString("hex").toUpperCase()}`,
  secretAccessKey: randomBytes(30).toString("base64url"),
};

async function startTurn(config: Config): Promise<RunningCoturn | undefined> {
  const turn = config.turn;
  if (turn.mode !== "coturn") return undefined;
  return startCoturn(coturnOptions(turn, networkInterfaces())).catch((error: Error) => {
    console.error(
      `Beam cannot start coturn for TURN=coturn (apt-get install coturn; or set TURN_PORT if ${turn.port} is taken).\n${error.message}`,
    );
    process.exit(1);
  });
}

async function connectKvs(
  config: Config,
): Promise<{ connection: KvsConnection; emulator?: RunningEmulator }> {
  if (config.kvs.mode === "aws") return { connection: { region: config.kvs.region } };
  const credentials = emulatorCredentials;
  const turn = emulatorTurn(config.turn);
  const emulator = await startEmulator({
    credentials,
    host: config.kvs.host,
    publicHost: config.kvs.publicHost,
    ...(turn ? { turn } : {}),
    port: config.kvs.port,
    tls: config.kvs.tls,
    region: config.kvs.region,
    callDelayMs: config.kvs.callDelayMs,
    // Shares outlive a restart: their channels are kept where the token secret is.
    stateFile: stateFileIn(config.dataDir),
  });
  const connection: KvsConnection = {
    region: emulator.region,
    endpoint: emulator.localEndpoint,
    signalingEndpoint: emulator.localEndpoint,
    credentials,
  };
  if (emulator.certificatePem) connection.caPem = emulator.certificatePem;
  return { connection, emulator };
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({
    level: config.logLevel,
    secrets: [
      ...config.knownSecrets,
      emulatorCredentials.secretAccessKey,
      config.turn.mode === "off" ? undefined : config.turn.secret,
    ],
  });
  const clock = systemClock;
  const coturn = await startTurn(config);
  const { connection, emulator } = await connectKvs(config).catch((error: NodeJS.ErrnoException) => {
    const where = config.kvs.mode === "emulator" ? `${config.kvs.host}:${config.kvs.port}` : "";
    console.error(
      error.code === "EADDRINUSE"
        ? `Beam cannot start the embedded KVS emulator on ${where}: the port is in use. Set EMULATOR_PORT (0 picks a free one).`
        : `Beam cannot start the embedded KVS emulator: ${error.message}`,
    );
    process.exit(1);
  });
  const kvs = createKvsBackend({
    mode: config.kvs.mode,
    connection,
    channelPrefix: config.channelPrefix,
    presignExpiresSeconds: config.presignExpiresSeconds,
    clock,
  });
  const app = createApp({
    config: {
      ...config,
      signalingSources: signalingSources(
        emulator
          ? { mode: "emulator", wssEndpoint: emulator.wssEndpoint }
          : { mode: "aws", region: connection.region },
      ),
    },
    kvs: kvs.backend,
    tokens: createTokenService({ secrets: config.tokenSecrets, clock }),
    clock,
    logger,
    viewerFiles: viewerFilesFromDir(fileURLToPath(new URL("../viewer/dist/", import.meta.url))),
    turnUsers: turnUsersFor(config.turn, clock),
    ...(emulator ? { viewerPresence: emulatorPresence(emulator, config.channelPrefix) } : {}),
  });

  const janitor = startJanitor(
    createJanitor({ kvs: kvs.backend, clock, logger }),
    config.janitorIntervalSeconds,
    logger,
  );

  const server = serve(
    {
      fetch: app.fetch,
      hostname: config.host,
      port: config.port,
      serverOptions: nodeServerOptions(config.http),
    },
    (info) => {
      const lines = [
        `Beam token server listening on http://${info.family === "IPv6" ? `[${info.address}]` : info.address}:${info.port}`,
        `  viewer links use ${config.publicUrl}`,
        emulator
          ? `  KVS: embedded emulator at ${emulator.endpoint} (region ${emulator.region}; no AWS account used; ${emulator.restored.channels} channels kept from before)`
          : `  KVS: AWS, region ${config.kvs.region}`,
        config.apiKey ? "  session creation requires the API key" : "  no API key: loopback clients only",
      ];
      if (emulator?.restored.problem) lines.push(`  warning: ${emulator.restored.problem}`);
      if (coturn) lines.push(`  TURN: coturn (pid ${coturn.pid}) on port ${coturn.port}`);
      else if (config.turn.mode === "external") lines.push(`  TURN: ${config.turn.urls.join(", ")}`);
      if (config.iceTransportPolicy === "relay")
        lines.push("  ICE: relay only (every peer goes through TURN)");
      if (!isLoopbackHost(config.host) && isLoopbackHost(new URL(config.publicUrl).hostname)) {
        lines.push(
          `  warning: links point at ${config.publicUrl}, which other devices cannot open; set PUBLIC_URL to this machine's LAN address`,
        );
      }
      if (process.argv.includes("--print-extension-path")) {
        lines.push(
          `  load the extension unpacked from: ${fileURLToPath(new URL("../../.output/chrome-mv3", import.meta.url))}`,
        );
      }
      console.log(lines.join("\n"));
    },
  ) as Server;
  capConnections(server, config.http);
  server.on("error", (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === "EADDRINUSE"
        ? `Beam token server cannot listen on ${config.host}:${config.port}: the port is in use. Set PORT to another port.`
        : `Beam token server failed: ${error.message}`,
    );
    process.exit(1);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("shutting down", { signal });
    setTimeout(() => process.exit(1), 5_000).unref();
    janitor.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    kvs.close();
    await emulator?.close();
    await coturn?.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

await main();
