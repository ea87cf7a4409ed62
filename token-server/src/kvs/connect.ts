import { randomBytes } from "node:crypto";
import type { KvsConfig } from "../config.ts";
import type { TurnConfig } from "../emulator/ice-config.ts";
import {
  type EmulatorCredentials,
  type RunningEmulator,
  startEmulator,
  stateFileIn,
} from "../emulator/index.ts";
import type { KvsConnection } from "./clients.ts";

/** An emulator someone else started and stops (tests, e2e, bench share one across server restarts). */
export interface ExternalEmulator {
  running: RunningEmulator;
  credentials: EmulatorCredentials;
}

export interface KvsLink {
  connection: KvsConnection;
  /** The emulator the server talks to, embedded or external; absent in AWS mode. */
  emulator?: RunningEmulator;
  /** Stops the emulator when this server started it. */
  close(): Promise<void>;
}

/** How the token server reaches an emulator: over loopback, whatever host browsers are given. */
export function emulatorConnection(emulator: ExternalEmulator): KvsConnection {
  const { running, credentials } = emulator;
  return {
    region: running.region,
    endpoint: running.localEndpoint,
    signalingEndpoint: running.localEndpoint,
    credentials,
    ...(running.certificatePem ? { caPem: running.certificatePem } : {}),
  };
}

/**
 * AWS (the SDK's default credential chain; `endpoint` overrides the control plane for tests), an
 * emulator already running, or an embedded one started here with fresh credentials that only ever
 * live inside this process. Start-up failures say what to change.
 */
export async function connectKvs(
  kvs: KvsConfig,
  options: { dataDir: string; turn?: TurnConfig; external?: ExternalEmulator; endpoint?: string },
): Promise<KvsLink> {
  const none = async () => {};
  if (kvs.mode === "aws") {
    const endpoint = options.endpoint;
    const connection = endpoint
      ? { region: kvs.region, endpoint, signalingEndpoint: endpoint }
      : { region: kvs.region };
    return { connection, close: none };
  }
  if (options.external) {
    return {
      connection: emulatorConnection(options.external),
      emulator: options.external.running,
      close: none,
    };
  }
  const credentials = {
    accessKeyId: `AKIA${randomBytes(8).toString("hex").toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString("base64url"),
  };
  const running = await startEmulator({
    credentials,
    host: kvs.host,
    publicHost: kvs.publicHost,
    ...(options.turn ? { turn: options.turn } : {}),
    port: kvs.port,
    tls: kvs.tls,
    region: kvs.region,
    callDelayMs: kvs.callDelayMs,
    // Shares outlive a restart: their channels are kept where the token secret is.
    stateFile: stateFileIn(options.dataDir),
  }).catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      error.code === "EADDRINUSE"
        ? `Beam cannot start the embedded KVS emulator on ${kvs.host}:${kvs.port}: the port is in use. Set EMULATOR_PORT (0 picks a free one).`
        : `Beam cannot start the embedded KVS emulator: ${error.message}`,
      { cause: error },
    );
  });
  return {
    connection: emulatorConnection({ running, credentials }),
    emulator: running,
    close: () => running.close(),
  };
}
