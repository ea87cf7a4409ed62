import { randomBytes } from "node:crypto";
import type { Socket as UdpSocket } from "node:dgram";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { restoreSnapshot, snapshotSaver } from "./channel-snapshot.ts";
import { ChannelStore } from "./channel-store.ts";
import { ApiHandler, isApiPath } from "./control-plane.ts";
import { answerPreflight, applyCors } from "./cors.ts";
import { KvsError, writeKvsError } from "./errors.ts";
import { FaultInjector, type FaultRule } from "./faults.ts";
import type { TurnConfig } from "./ice-config.ts";
import { type EmulatorLimits, type LimitOverrides, resolveLimits } from "./limits.ts";
import { SignalingHub } from "./signaling-ws.ts";
import { startStunResponder } from "./stun-responder.ts";
import { selfSignedCertificate } from "./tls.ts";

export { stateFileIn } from "./channel-snapshot.ts";
export type { FaultRule } from "./faults.ts";
export type { EmulatorLimits, LimitOverrides } from "./limits.ts";
export { DEFAULT_LIMITS } from "./limits.ts";

export interface EmulatorCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests must carry exactly this X-Amz-Security-Token; when unset, none may. */
  sessionToken?: string;
}

export interface EmulatorOptions {
  /** The only identity whose SigV4 signatures verify. */
  credentials: EmulatorCredentials;
  host?: string;
  port?: number;
  /** Host written into returned endpoints (default: host, or 127.0.0.1 when host is a wildcard). */
  publicHost?: string;
  /** Serve HTTPS/WSS with a self-signed certificate generated at start. */
  tls?: boolean;
  region?: string;
  accountId?: string;
  limits?: LimitOverrides;
  /** Fixed delay added to every control-plane and GetIceServerConfig call (benchmarks). */
  callDelayMs?: number;
  /** TURN REST credentials in GetIceServerConfig; without it the emulator's own STUN responder is returned. */
  turn?: TurnConfig;
  /** Failures to inject from the first call on (tests of the token server's AWS error handling). */
  faults?: FaultRule[];
  /** ms epoch, injectable for tests. */
  clock?: () => number;
  /** Time a client has to send a whole HTTP request (headers: at most 10 s of it); default 15 s. */
  requestTimeoutMs?: number;
  /** Where channels, tags and versions are saved on every change and restored from at start. */
  stateFile?: string;
}

export interface RunningEmulator {
  /** "http(s)://host:port": the control plane and the HTTPS signaling endpoint; pass as `endpoint` to SDK clients. */
  endpoint: string;
  /**
   * The same server as this process reaches it, over loopback (or the listening address): for a
   * token server embedding the emulator, so its own calls never depend on resolving `publicHost`.
   */
  localEndpoint: string;
  /** "ws(s)://host:port": what GetSignalingChannelEndpoint returns for WSS. */
  wssEndpoint: string;
  region: string;
  accountId: string;
  tls: boolean;
  certificatePem?: string;
  limits: EmulatorLimits;
  /** Channels restored from `stateFile`, and why none were when it could not be read (it is set aside). */
  restored: { channels: number; problem?: string };
  calls(): { total: number; byOperation: Record<string, number> };
  resetCalls(): void;
  /** Changes `callDelayMs` for the calls that follow (benchmarks compare delays within one run). */
  setCallDelayMs(ms: number): void;
  channelNames(): string[];
  connections(channelArn?: string): { masters: number; viewers: number };
  /** Client ids of the viewers connected to a channel now (none for an unknown channel). */
  viewerClientIds(channelName: string): string[];
  /** When the channel's newest master connection opened (ms epoch), or undefined without one: a reconnect moves it. */
  masterConnectedAt(channelArn: string): number | undefined;
  dropConnections(channelArn: string, role?: "MASTER" | "VIEWER"): void;
  goAway(channelArn?: string): void;
  /** Makes later control-plane / GetIceServerConfig calls fail (after their signature is verified). */
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Runs the idle / TTL / max-duration checks now (they also run on a timer); useful with an injected clock. */
  tick(): void;
  close(): Promise<void>;
}

const isWildcard = (host: string) => host === "0.0.0.0" || host === "::";
const hostForUrl = (host: string) => (host.includes(":") ? `[${host}]` : host);

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const publicHost = options.publicHost ?? (isWildcard(host) ? "127.0.0.1" : host);
  const region = options.region ?? "us-west-2";
  const accountId = options.accountId ?? "123456789012";
  const clock = options.clock ?? Date.now;
  const limits = resolveLimits(options.limits);
  const identity = { ...options.credentials, region, service: "kinesisvideo" };
  const store = new ChannelStore(
    `arn:aws:kinesisvideo:${region}:${accountId}:`,
    clock,
    limits.channelsPerAccount,
    options.stateFile ? snapshotSaver(options.stateFile) : undefined,
  );
  const restored = options.stateFile ? restoreSnapshot(store, options.stateFile) : { channels: 0 };
  const certificate = options.tls ? await selfSignedCertificate([publicHost, host]) : undefined;
  const hub = new SignalingHub({ identity, store, limits, clock });

  const endpoints = { WSS: "", HTTPS: "" };
  const faults = new FaultInjector();
  for (const rule of options.faults ?? []) faults.add(rule);
  const iceSource: TurnConfig = options.turn ?? { urls: [], secret: randomBytes(32).toString("base64") };
  const api = new ApiHandler({
    store,
    clock,
    identity,
    limits,
    endpoints,
    iceSource,
    callDelayMs: options.callDelayMs ?? 0,
    faults,
    defaultTtlSeconds: limits.defaultMessageTtlSeconds,
    onChannelDeleted: (arn) => hub.channelDeleted(arn),
  });

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    applyCors(req, res);
    // The SDK corrects its clock from Date, so it must follow the emulator's (possibly injected) clock.
    res.setHeader("date", new Date(clock()).toUTCString());
    if (answerPreflight(req, res)) return;
    const url = req.url ?? "/";
    const queryAt = url.indexOf("?");
    const rawPath = queryAt < 0 ? url : url.slice(0, queryAt);
    if (!isApiPath(rawPath)) {
      writeKvsError(res, new KvsError("UnknownOperationException", `No operation at ${rawPath}.`));
      return;
    }
    api.handle(req, res, rawPath, queryAt < 0 ? "" : url.slice(queryAt + 1)).catch(() => res.destroy());
  };
  // Node's defaults give a client minutes to trickle a request; signaling sockets are not affected
  // (an upgraded socket leaves the server's request bookkeeping).
  const requestTimeout = options.requestTimeoutMs ?? 15_000;
  const timeouts = {
    requestTimeout,
    headersTimeout: Math.min(10_000, requestTimeout),
    connectionsCheckingInterval: Math.min(1_000, requestTimeout),
  };
  const server: Server = certificate
    ? createHttpsServer({ cert: certificate.certPem, key: certificate.keyPem, ...timeouts }, onRequest)
    : createHttpServer(timeouts, onRequest);
  server.on("upgrade", (req, socket, head) => hub.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const authority = `${hostForUrl(publicHost)}:${port}`;
  endpoints.HTTPS = `${certificate ? "https" : "http"}://${authority}`;
  endpoints.WSS = `${certificate ? "wss" : "ws"}://${authority}`;
  let stun: UdpSocket | null = null;
  if (!options.turn) {
    stun = await startStunResponder(host, port);
    iceSource.urls = [`stun:${authority}`];
  }

  const localHost = isWildcard(host) ? (host === "::" ? "::1" : "127.0.0.1") : host;
  return {
    endpoint: endpoints.HTTPS,
    localEndpoint: `${certificate ? "https" : "http"}://${hostForUrl(localHost)}:${port}`,
    wssEndpoint: endpoints.WSS,
    region,
    accountId,
    tls: certificate !== undefined,
    ...(certificate ? { certificatePem: certificate.certPem } : {}),
    limits,
    restored,
    calls: () => api.calls(),
    resetCalls: () => api.resetCalls(),
    setCallDelayMs: (ms) => api.setCallDelayMs(ms),
    channelNames: () => store.names(),
    connections: (channelArn) => hub.connections(channelArn),
    viewerClientIds: (channelName) => {
      const channel = store.findByName(channelName);
      return channel ? hub.viewerClientIds(channel.arn) : [];
    },
    masterConnectedAt: (channelArn) => hub.masterConnectedAt(channelArn),
    dropConnections: (channelArn, role) => hub.drop(channelArn, role),
    goAway: (channelArn) => hub.goAway(channelArn),
    injectFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    tick: () => hub.tick(),
    async close() {
      await hub.close();
      stun?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
