/** Node entry point: reads the config, builds the server (server.ts), listens, and stops on a signal. */
import type { Server as HttpServer } from "node:http";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { type Config, ConfigError, isLoopbackHost, loadConfig } from "./config.ts";
import { nodeFetch } from "./http/node-fetch.ts";
import { capConnections, nodeServerOptions } from "./http/node-limits.ts";
import { startJanitor } from "./janitor.ts";
import { buildServer, type Server } from "./server.ts";

// The SDK's start-up notice concerns future SDK releases needing Node 22; the pinned one runs on Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function readConfig(): Config {
  try {
    return loadConfig(process.env, { repoRoot: fileURLToPath(new URL("../../", import.meta.url)) });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fail(`Beam token server cannot start.\n${error.message}`);
  }
}

function startupLines(config: Config, server: Server, address: string): string[] {
  const { emulator, coturn } = server;
  const lines = [
    `Beam token server listening on ${address}`,
    `  viewer links use ${config.publicUrl}`,
    emulator
      ? `  KVS: embedded emulator at ${emulator.endpoint} (region ${emulator.region}; no AWS account used; ${emulator.restored.channels} channels kept from before)`
      : `  KVS: AWS, region ${config.kvs.region}`,
    config.apiKey ? "  session creation requires the API key" : "  no API key: loopback clients only",
  ];
  if (emulator?.restored.problem) lines.push(`  warning: ${emulator.restored.problem}`);
  if (coturn) lines.push(`  TURN: coturn (pid ${coturn.pid}) on port ${coturn.port}`);
  else if (config.turn.mode === "external") lines.push(`  TURN: ${config.turn.urls.join(", ")}`);
  if (config.iceTransportPolicy === "relay") lines.push("  ICE: relay only (every peer goes through TURN)");
  if (!isLoopbackHost(config.host) && isLoopbackHost(new URL(config.publicUrl).hostname)) {
    lines.push(
      `  warning: links point at ${config.publicUrl}, which other devices cannot open; set PUBLIC_URL to this machine's LAN address`,
    );
  }
  if (process.argv.includes("--print-extension-path")) {
    const extension = fileURLToPath(new URL("../../.output/chrome-mv3", import.meta.url));
    lines.push(`  load the extension unpacked from: ${extension}`);
  }
  return lines;
}

const config = readConfig();
const server = await buildServer(config).catch((error: Error) => fail(error.message));
const { logger } = server;
const janitor = startJanitor(server.janitor, config.janitorIntervalSeconds, logger);
const http = serve(
  {
    fetch: nodeFetch(server.app),
    hostname: config.host,
    port: config.port,
    serverOptions: nodeServerOptions(config.http),
  },
  (info) => {
    const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
    console.log(startupLines(config, server, `http://${host}:${info.port}`).join("\n"));
  },
) as HttpServer;
capConnections(http, config.http);
http.on("error", (error: NodeJS.ErrnoException) =>
  fail(
    error.code === "EADDRINUSE"
      ? `Beam token server cannot listen on ${config.host}:${config.port}: the port is in use. Set PORT to another port.`
      : `Beam token server failed: ${error.message}`,
  ),
);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down", { signal });
  setTimeout(() => process.exit(1), 5_000).unref();
  janitor.stop();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await server.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
