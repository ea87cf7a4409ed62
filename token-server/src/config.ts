import { isAbsolute, resolve } from "node:path";
import { type Env, envSchema, type LogLevel } from "./config-schema.ts";
import { EMULATOR_DEFAULT_PORT } from "./emulator/env-schema.ts";
import type { HttpLimits } from "./http/node-limits.ts";
import { loadOrCreateTokenSecret } from "./token-secret.ts";
import { type IceTransportPolicy, resolveTurn, type TurnSetting } from "./turn/turn-config.ts";

export { LOG_LEVELS, type LogLevel } from "./config-schema.ts";

export type KvsConfig =
  | { mode: "aws"; region: string }
  | {
      mode: "emulator";
      region: string;
      host: string;
      port: number;
      /** The host written into the endpoints the emulator hands out: what other devices connect to. */
      publicHost: string;
      tls: boolean;
      callDelayMs: number;
    };

/** Abuse limits; 0 turns a limit off. */
export interface AbuseLimits {
  /** X-Forwarded-For entries appended by proxies you run (0: use the socket address). */
  trustProxyHops: number;
  /** Session creations per client address per minute. */
  sessionsPerMinute: number;
  /** Viewer joins per client address per minute. */
  joinsPerMinute: number;
  /** Master-token requests (fresh credentials, new link, removal, end) per client address per minute. */
  sharerPerMinute: number;
  /** Beam channels that may exist at once (counted in KVS by name prefix). */
  maxSessions: number;
  /** Viewers holding a seat per session at once: connected, or joined and not yet connected. */
  viewersPerSession: number;
  /** How long a join holds a seat for its viewer to connect (all a seat is where connections are unseen). */
  viewerSeatSeconds: number;
}

export interface Config {
  host: string;
  port: number;
  /** Origin (and optional path prefix) viewers reach the server at, without a trailing slash. */
  publicUrl: string;
  apiKey: string | undefined;
  /** Origins allowed besides the server's own and Beam's Chrome extension (CORS, state-changing requests). */
  allowedOrigins: string[];
  /** Host names served besides PUBLIC_URL's, `localhost` and IP literals (DNS rebinding defence). */
  allowedHosts: string[];
  /** The first secret signs; all of them verify (the second is the previous one, during a rotation). */
  tokenSecrets: string[];
  dataDir: string;
  kvs: KvsConfig;
  sessionTtlSeconds: number;
  presignExpiresSeconds: number;
  channelPrefix: string;
  /** Where TURN credentials come from in emulator mode (AWS mode always uses KVS's managed TURN). */
  turn: TurnSetting;
  /** "relay" makes both peers use TURN only; handed to them with their credentials. */
  iceTransportPolicy: IceTransportPolicy;
  logLevel: LogLevel;
  /** Values the logger must never print: API key, token secrets, AWS secret key and session token. */
  knownSecrets: string[];
  abuse: AbuseLimits;
  /** Node HTTP server timeouts and connection cap (main.ts only; Lambda has API Gateway's). */
  http: HttpLimits;
  /** How often the janitor deletes expired channels; 0 runs it at start-up only. */
  janitorIntervalSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export const EMULATOR_REGION = "us-west-2";

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** Reads the environment once; collects every problem and throws one `ConfigError` listing them all. */
export function loadConfig(env: NodeJS.ProcessEnv, options: { repoRoot: string }): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (!isLoopbackHost(e.HOST) && e.API_KEY === undefined) {
    problems.push(
      `HOST=${e.HOST} is reachable from other machines, so API_KEY is required (anyone could create sessions on your AWS bill). Set API_KEY, or HOST=127.0.0.1.`,
    );
  }
  const kvs = kvsConfig(e, problems);
  const turn = resolveTurn(e, kvs?.mode ?? "emulator", advertisedHost(e), problems);
  if (problems.length > 0 || kvs === null) throw new ConfigError(problems);

  const dataDir = resolveDir(e.BEAM_DATA_DIR, options.repoRoot);
  const primary = e.TOKEN_SECRET ?? loadOrCreateTokenSecret(dataDir);
  return {
    host: e.HOST,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://${urlHost(e.HOST)}:${e.PORT}`).replace(/\/+$/, ""),
    apiKey: e.API_KEY,
    allowedOrigins: e.ALLOWED_ORIGINS,
    allowedHosts: e.ALLOWED_HOSTS,
    tokenSecrets: e.TOKEN_SECRET_PREVIOUS ? [primary, e.TOKEN_SECRET_PREVIOUS] : [primary],
    knownSecrets: [
      e.API_KEY,
      primary,
      e.TOKEN_SECRET_PREVIOUS,
      e.AWS_SECRET_ACCESS_KEY,
      e.AWS_SESSION_TOKEN,
    ].filter((value): value is string => value !== undefined),
    dataDir,
    kvs,
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    presignExpiresSeconds: e.PRESIGN_EXPIRES_SECONDS,
    channelPrefix: e.CHANNEL_PREFIX,
    turn,
    iceTransportPolicy: e.ICE_TRANSPORT_POLICY,
    logLevel: e.LOG_LEVEL,
    abuse: {
      trustProxyHops: e.TRUST_PROXY,
      sessionsPerMinute: e.RATE_LIMIT_SESSIONS_PER_MINUTE,
      joinsPerMinute: e.RATE_LIMIT_JOINS_PER_MINUTE,
      sharerPerMinute: e.RATE_LIMIT_SHARER_PER_MINUTE,
      maxSessions: e.MAX_SESSIONS,
      viewersPerSession: e.VIEWERS_PER_SESSION,
      viewerSeatSeconds: e.VIEWER_SEAT_SECONDS,
    },
    http: { requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_SECONDS * 1000, maxConnections: e.HTTP_MAX_CONNECTIONS },
    janitorIntervalSeconds: e.JANITOR_INTERVAL_SECONDS,
  };
}

function kvsConfig(e: Env, problems: string[]): KvsConfig | null {
  const region = e.AWS_REGION ?? e.AWS_DEFAULT_REGION;
  const hasCredentials =
    (e.AWS_ACCESS_KEY_ID !== undefined && e.AWS_SECRET_ACCESS_KEY !== undefined) ||
    e.AWS_PROFILE !== undefined;
  const useAws = e.BEAM_KVS === "aws" || (e.BEAM_KVS === "auto" && region !== undefined && hasCredentials);
  if (!useAws) {
    return {
      mode: "emulator",
      region: EMULATOR_REGION,
      host: e.EMULATOR_HOST ?? (isLoopbackHost(e.HOST) ? "127.0.0.1" : e.HOST),
      port: e.EMULATOR_PORT ?? EMULATOR_DEFAULT_PORT.embedded,
      publicHost: advertisedHost(e),
      tls: e.EMULATOR_TLS,
      callDelayMs: e.EMULATOR_CALL_DELAY_MS,
    };
  }
  if (region === undefined) {
    problems.push("BEAM_KVS=aws needs AWS_REGION (for example AWS_REGION=us-west-2).");
    return null;
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    problems.push(`AWS_REGION=${region} is not an AWS region name (for example us-west-2).`);
    return null;
  }
  return { mode: "aws", region };
}

/**
 * The host other devices reach this machine's services at (emulator signaling, coturn): the
 * PUBLIC_URL's host once the server listens beyond loopback, else the loopback address.
 */
function advertisedHost(e: Env): string {
  if (e.EMULATOR_PUBLIC_HOST) return e.EMULATOR_PUBLIC_HOST;
  const listensWide = !isLoopbackHost(e.EMULATOR_HOST ?? e.HOST);
  if (listensWide && e.PUBLIC_URL) return new URL(e.PUBLIC_URL).hostname.replace(/^\[|\]$/g, "");
  const host = e.EMULATOR_HOST ?? e.HOST;
  return host === "0.0.0.0" || host === "::" || isLoopbackHost(host) ? "127.0.0.1" : host;
}

function resolveDir(dir: string, repoRoot: string): string {
  return isAbsolute(dir) ? dir : resolve(repoRoot, dir);
}

function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}
