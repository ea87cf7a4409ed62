import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { KinesisVideoClient, ListSignalingChannelsCommand } from "@aws-sdk/client-kinesis-video";
import { createAdaptorServer } from "@hono/node-server";
import type { Hono } from "hono";
import type { IceTransportPolicy } from "../../protocol/api.ts";
import { createApp } from "../../token-server/src/app.ts";
import { systemClock } from "../../token-server/src/clock.ts";
import { loadConfig } from "../../token-server/src/config.ts";
import {
  type LimitOverrides,
  type RunningEmulator,
  startEmulator,
} from "../../token-server/src/emulator/index.ts";
import { createKvsBackend } from "../../token-server/src/kvs/create-backend.ts";
import { createLogger } from "../../token-server/src/logger.ts";
import { createTokenService } from "../../token-server/src/tokens.ts";
import { viewerFilesFromDir } from "../../token-server/src/viewer-files.ts";

// No trailing slash: `viewerFilesFromDir` rejects every file when given one.
const VIEWER_DIST = fileURLToPath(new URL("../../token-server/viewer/dist", import.meta.url));

/** The token server with its embedded KVS emulator, running inside the test process. */
export interface BeamServer {
  /** e.g. `http://127.0.0.1:41234`, what the extension's options point at. */
  url: string;
  /** Names of the signaling channels the emulator holds, asked over its real control-plane API. */
  channelNames(): Promise<string[]>;
  /** The KVS emulator, for its fault hooks (dropConnections, goAway, masterConnectedAt). */
  emulator: RunningEmulator;
  /** Stops the token server only; the emulator keeps running, as a standalone one would. */
  stopTokenServer(): Promise<void>;
  /** Starts a fresh token server (empty caches) on the same port with the same TOKEN_SECRET. */
  startTokenServer(): Promise<void>;
  close(): Promise<void>;
}

export interface BeamServerOptions {
  /** Session lifetime; the env schema's 60 s floor is bypassed so expiry can be tested quickly. */
  sessionTtlSeconds?: number;
  /** TURN REST credentials the emulator's GetIceServerConfig hands out (a coturn the test started). */
  turn?: { urls: string[]; secret: string; ttlSeconds: number };
  iceTransportPolicy?: IceTransportPolicy;
  /**
   * A name other devices would use for this machine (mapped to 127.0.0.1 in the browsers'
   * host resolver): viewer links and the emulator's signaling endpoints then carry it.
   */
  publicHost?: string;
  /** Emulator quotas, e.g. shortened idle and connection timeouts (defaults: KVS's values). */
  emulatorLimits?: LimitOverrides;
}

/**
 * Wires the same pieces as `token-server/src/main.ts`, on ephemeral ports: the emulator first, then
 * the HTTP server, whose real port becomes the public URL that viewer links carry.
 */
export async function startBeamServer(options: BeamServerOptions = {}): Promise<BeamServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "beam-e2e-server-"));
  const base = loadConfig(
    { TOKEN_SECRET: randomBytes(32).toString("base64url"), BEAM_DATA_DIR: dataDir, BEAM_KVS: "emulator" },
    { repoRoot: dataDir },
  );
  const credentials = {
    accessKeyId: `AKIA${randomBytes(8).toString("hex").toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString("base64url"),
  };
  const emulator = await startEmulator({
    credentials,
    host: "127.0.0.1",
    port: 0,
    tls: false,
    region: base.kvs.region,
    callDelayMs: 0,
    ...(options.publicHost ? { publicHost: options.publicHost } : {}),
    ...(options.turn ? { turn: options.turn } : {}),
    ...(options.emulatorLimits ? { limits: options.emulatorLimits } : {}),
  });
  const connection = {
    region: emulator.region,
    endpoint: emulator.localEndpoint,
    signalingEndpoint: emulator.localEndpoint,
    credentials,
  };
  const clock = systemClock;
  let port = 0;
  let url = "";
  let running: { server: Server; closeKvs: () => void } | undefined;

  // Everything a token-server process holds is built here, so a restart starts from nothing.
  const startTokenServer = async () => {
    const kvs = createKvsBackend({
      mode: "emulator",
      connection,
      channelPrefix: base.channelPrefix,
      presignExpiresSeconds: base.presignExpiresSeconds,
      clock,
    });
    let app: Hono | undefined;
    const server = createAdaptorServer({
      fetch: (request: Request) => (app ? app.fetch(request) : new Response("starting", { status: 503 })),
    }) as Server;
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    url = `http://127.0.0.1:${port}`;
    app = createApp({
      config: {
        apiKey: undefined,
        publicUrl: options.publicHost ? `http://${options.publicHost}:${port}` : url,
        sessionTtlSeconds: options.sessionTtlSeconds ?? base.sessionTtlSeconds,
        iceTransportPolicy: options.iceTransportPolicy ?? "all",
      },
      kvs: kvs.backend,
      tokens: createTokenService({ secrets: base.tokenSecrets, clock }),
      clock,
      logger: createLogger({ level: "warn" }),
      viewerFiles: viewerFilesFromDir(VIEWER_DIST),
    });
    running = { server, closeKvs: () => kvs.close() };
  };
  const stopTokenServer = async () => {
    const current = running;
    running = undefined;
    if (!current) return;
    current.server.closeAllConnections();
    await new Promise<void>((resolve) => current.server.close(() => resolve()));
    current.closeKvs();
  };
  await startTokenServer();

  const control = new KinesisVideoClient({
    region: emulator.region,
    endpoint: emulator.localEndpoint,
    credentials,
  });
  return {
    url,
    emulator,
    stopTokenServer,
    startTokenServer,
    channelNames: async () => {
      const names: string[] = [];
      let NextToken: string | undefined;
      do {
        const page = await control.send(new ListSignalingChannelsCommand({ NextToken }));
        for (const channel of page.ChannelInfoList ?? []) names.push(channel.ChannelName ?? "");
        NextToken = page.NextToken;
      } while (NextToken);
      return names;
    },
    close: async () => {
      control.destroy();
      await stopTokenServer();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
