/**
 * Debian's coturn (`/usr/bin/turnserver`) as a child process, configured for the TURN REST
 * shared-secret scheme: whoever knows the secret mints expiring credentials, nobody keeps a user list.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startDaemon, waitForListener } from "../daemon/daemon.ts";
import { DENIED_PEER_RANGES, LOOPBACK_PEER_RANGES } from "./peer-ranges.ts";

export const COTURN_BINARY = "/usr/bin/turnserver";

export interface CoturnOptions {
  /** Address to listen on; a wildcard (0.0.0.0, ::) listens on every interface. */
  listenHost: string;
  port: number;
  /** The `static-auth-secret` credentials are signed with. */
  secret: string;
  realm?: string;
  /**
   * Relay to peers on 127.0.0.0/8 and ::1. Tests need it (every peer is on loopback); coturn refuses
   * such peers by default because a public TURN server must never reach its own host's services.
   */
  allowLoopbackPeers?: boolean;
  /** Address relayed from; required with a wildcard `listenHost` (see relay-ip.ts), else that host. */
  relayIp?: string;
  /** Concurrent allocations per TURN user (every peer has a user of its own); 0: no quota. */
  userQuota?: number;
  /** Concurrent allocations in all; 0: no quota. */
  totalQuota?: number;
  binary?: string;
  /** Every line coturn logs. */
  onLog?: (line: string) => void;
}

export interface RunningCoturn {
  readonly pid: number;
  readonly port: number;
  /** Its configuration file (with the secret): 0600, removed on close. */
  readonly configFile: string;
  /** Lines logged so far (allocations, refusals…), for tests and error messages. */
  log(): string;
  close(): Promise<void>;
}

const isWildcard = (host: string) => host === "0.0.0.0" || host === "::";

/**
 * A browser allocates about one relay per TURN URL and local address, per peer connection: a sharer
 * with 10 viewers, two URLs and two addresses holds about 40. Far below coturn's 16k relay ports.
 */
export const TURN_QUOTA_DEFAULTS = { userQuota: 64, totalQuota: 2000 } as const;

/**
 * coturn's configuration file; pure, so what Beam asks coturn to do is readable in one place. The
 * secret lives here, not on the command line, where every local user could read it in `ps`.
 */
export function coturnConfig(options: CoturnOptions, stateDir: string): string {
  // One value per line: a line break in the secret would add settings of its own.
  if (!/^[\x21-\x7e]+$/.test(options.secret)) throw new Error("the TURN secret must be printable ASCII");
  const lines = [
    `listening-port=${options.port}`,
    "use-auth-secret",
    `static-auth-secret=${options.secret}`,
    `realm=${options.realm ?? "beam"}`,
    "fingerprint",
    "no-cli",
    "no-tls",
    "no-dtls",
    "no-software-attribute",
    "log-file=stdout",
    "simple-log",
    `pidfile=${join(stateDir, "turnserver.pid")}`,
    `userdb=${join(stateDir, "turndb")}`,
  ];
  // Relaying from the listening address keeps a loopback-only server on loopback.
  const relayIp = options.relayIp ?? (isWildcard(options.listenHost) ? undefined : options.listenHost);
  if (relayIp === undefined) throw new Error("coturn listening on every interface needs a relay address");
  if (!isWildcard(options.listenHost)) lines.push(`listening-ip=${options.listenHost}`);
  lines.push(`relay-ip=${relayIp}`);
  // Media is UDP; TCP relays (RFC 6062) would only let a peer open connections to arbitrary hosts.
  lines.push("no-tcp-relay", "no-multicast-peers");
  const denied = [...DENIED_PEER_RANGES, ...(options.allowLoopbackPeers ? [] : LOOPBACK_PEER_RANGES)];
  lines.push(...denied.map((range) => `denied-peer-ip=${range}`));
  if (options.allowLoopbackPeers) lines.push("allow-loopback-peers");
  const userQuota = options.userQuota ?? TURN_QUOTA_DEFAULTS.userQuota;
  const totalQuota = options.totalQuota ?? TURN_QUOTA_DEFAULTS.totalQuota;
  if (userQuota > 0) lines.push(`user-quota=${userQuota}`);
  if (totalQuota > 0) lines.push(`total-quota=${totalQuota}`);
  return `${lines.join("\n")}\n`;
}

/** The command line names only the configuration file. */
export const coturnArgs = (configFile: string) => ["-c", configFile];

/** Writes the configuration readable by this user only, in the private (0700) state directory. */
function writeConfig(options: CoturnOptions, stateDir: string): string {
  const file = join(stateDir, "turnserver.conf");
  writeFileSync(file, coturnConfig(options, stateDir), { mode: 0o600 });
  return file;
}

/** Starts coturn and resolves once it accepts connections on its port; rejects with its log if it dies. */
export async function startCoturn(options: CoturnOptions, readyTimeoutMs = 10_000): Promise<RunningCoturn> {
  const host = isWildcard(options.listenHost) ? "127.0.0.1" : options.listenHost;
  // coturn opens its TCP and UDP listeners together; a TCP connect proves both are up.
  const daemon = await startDaemon({
    name: "coturn",
    binary: options.binary ?? COTURN_BINARY,
    prepare: (stateDir) => coturnArgs(writeConfig(options, stateDir)),
    ready: () => waitForListener("coturn", host, options.port, readyTimeoutMs),
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
  return {
    pid: daemon.pid,
    port: options.port,
    configFile: join(daemon.stateDir, "turnserver.conf"),
    log: daemon.log,
    close: daemon.stop,
  };
}
