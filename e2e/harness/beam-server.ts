import {
  type ChannelInfo,
  KinesisVideoClient,
  ListSignalingChannelsCommand,
} from "@aws-sdk/client-kinesis-video";
import type { IceTransportPolicy } from "../../protocol/api.ts";
import type { LimitOverrides, RunningEmulator } from "../../token-server/src/emulator/index.ts";
import { createLogger } from "../../token-server/src/logger.ts";
import { VIEWER_DIST } from "../../token-server/src/server.ts";
import { type BeamServer, startBeamServer } from "../../token-server/src/testing/beam-server.ts";
import { startEmulatorStack } from "../../token-server/src/testing/emulator-stack.ts";
import { viewerFilesFromDir } from "../../token-server/src/viewer-files.ts";

/** The token server with its embedded KVS emulator, running inside the test process. */
export interface BeamStack {
  /** e.g. `http://127.0.0.1:41234`, what the extension's options point at. */
  url: string;
  /** Names of the signaling channels the emulator holds, asked over its real control-plane API. */
  channelNames(): Promise<string[]>;
  /** The ARN of the signaling channel behind a viewer link (its session id is in the path). */
  channelArnOf(viewerUrl: string): Promise<string>;
  /** The KVS emulator, for its fault hooks (dropConnections, goAway, masterConnectedAt). */
  emulator: RunningEmulator;
  /** Stops the token server only; the emulator keeps running, as a standalone one would. */
  stopTokenServer(): Promise<void>;
  /** Starts a fresh token server (empty caches) on the same port with the same TOKEN_SECRET. */
  startTokenServer(): Promise<void>;
  close(): Promise<void>;
}

export interface BeamStackOptions {
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
  /** ALLOWED_ORIGINS: a Firefox sharer's moz-extension:// origin (each installation has its own). */
  allowedOrigins?: string[];
}

/**
 * The emulator first, then a token server built by `buildServer` (through the shared test helper) on
 * an ephemeral port, whose real port becomes the public URL that viewer links carry.
 */
export async function startBeamStack(options: BeamStackOptions = {}): Promise<BeamStack> {
  const stack = await startEmulatorStack({
    host: "127.0.0.1",
    port: 0,
    tls: false,
    callDelayMs: 0,
    ...(options.publicHost ? { publicHost: options.publicHost } : {}),
    ...(options.turn ? { turn: options.turn } : {}),
    ...(options.emulatorLimits ? { limits: options.emulatorLimits } : {}),
  });
  const { emulator, defaults } = stack;
  let port = 0;
  let url = "";
  let running: BeamServer | undefined;

  // Everything a token-server process holds is built anew, so a restart starts from nothing.
  const startTokenServer = async () => {
    running = await startBeamServer(emulator, {
      credentials: stack.credentials,
      port,
      ...(options.publicHost ? { publicHost: options.publicHost } : {}),
      tokenSecret: defaults.tokenSecrets[0] as string,
      sessionTtlSeconds: options.sessionTtlSeconds ?? defaults.sessionTtlSeconds,
      presignExpiresSeconds: defaults.presignExpiresSeconds,
      iceTransportPolicy: options.iceTransportPolicy ?? "all",
      allowedOrigins: options.allowedOrigins ?? [],
      // As main.ts does for TURN_URLS + TURN_SECRET: each peer gets TURN credentials of its own.
      ...(options.turn ? { turn: { mode: "external", ...options.turn } } : {}),
      logger: createLogger({ level: "warn" }),
      viewerFiles: viewerFilesFromDir(VIEWER_DIST),
    });
    port = running.port;
    url = running.url;
  };
  const stopTokenServer = async () => {
    const current = running;
    running = undefined;
    await current?.close();
  };
  await startTokenServer();

  const control = new KinesisVideoClient({
    region: emulator.region,
    endpoint: emulator.localEndpoint,
    credentials: stack.credentials,
  });
  const channels = async () => {
    const all: ChannelInfo[] = [];
    let NextToken: string | undefined;
    do {
      const page = await control.send(new ListSignalingChannelsCommand({ NextToken }));
      all.push(...(page.ChannelInfoList ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return all;
  };
  return {
    url,
    emulator,
    stopTokenServer,
    startTokenServer,
    channelNames: async () => (await channels()).map((channel) => channel.ChannelName ?? ""),
    channelArnOf: async (viewerUrl) => {
      const sessionId = new URL(viewerUrl).pathname.split("/").pop() ?? "";
      const channel = (await channels()).find((c) => c.ChannelName?.includes(sessionId));
      if (!channel?.ChannelARN) throw new Error(`no signaling channel for session ${sessionId}`);
      return channel.ChannelARN;
    },
    close: async () => {
      control.destroy();
      await stopTokenServer();
      await stack.close();
    },
  };
}
