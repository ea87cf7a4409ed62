import { randomBytes } from "node:crypto";
import type { NetworkInterfaceInfo } from "node:os";
import type { CoturnOptions } from "./coturn.ts";
import { pickRelayIp } from "./relay-ip.ts";

export type IceTransportPolicy = "all" | "relay";

/**
 * Where the emulator's GetIceServerConfig gets TURN from: nowhere (its own STUN responder), a TURN
 * server run elsewhere, or Debian's coturn started by the token server itself. All use the TURN REST
 * shared-secret scheme, so credentials expire like the ones KVS's managed TURN hands out.
 */
export type TurnSetting =
  | { mode: "off" }
  | { mode: "external"; urls: string[]; secret: string; ttlSeconds: number }
  | {
      mode: "coturn";
      /** Address coturn listens on (the token server's HOST). */
      listenHost: string;
      port: number;
      /** Host written into the TURN URLs peers receive. */
      publicHost: string;
      secret: string;
      ttlSeconds: number;
      /** Relay to 127.0.0.0/8 and ::1 (tests and single-machine demos only). */
      allowLoopbackPeers: boolean;
      /** Address to relay from; unset: the listening address, or picked at start for a wildcard. */
      relayIp?: string;
      userQuota: number;
      totalQuota: number;
    };

interface TurnEnv {
  HOST: string;
  TURN: "off" | "coturn";
  TURN_URLS?: string[] | undefined;
  TURN_SECRET?: string | undefined;
  TURN_PORT: number;
  TURN_TTL_SECONDS: number;
  TURN_ALLOW_LOOPBACK_PEERS: boolean;
  TURN_RELAY_IP?: string | undefined;
  TURN_USER_QUOTA: number;
  TURN_TOTAL_QUOTA: number;
  ICE_TRANSPORT_POLICY: IceTransportPolicy;
}

/** Reads the TURN variables; problems go into `problems` with a sentence saying how to fix them. */
export function resolveTurn(
  e: TurnEnv,
  kvsMode: "aws" | "emulator",
  publicHost: string,
  problems: string[],
): TurnSetting {
  const configured = e.TURN === "coturn" || e.TURN_URLS !== undefined;
  if (kvsMode === "aws") {
    if (configured) {
      problems.push(
        "TURN and TURN_URLS apply to the emulator only: in AWS mode peers get the TURN servers KVS manages. Unset them.",
      );
    }
    return { mode: "off" };
  }
  if (e.TURN === "coturn") {
    if (e.TURN_URLS !== undefined) problems.push("TURN=coturn builds its own URLs; unset TURN_URLS.");
    return {
      mode: "coturn",
      listenHost: e.HOST,
      port: e.TURN_PORT,
      publicHost,
      // A fresh secret per start is enough: the credentials it signs live minutes.
      secret: e.TURN_SECRET ?? randomBytes(24).toString("base64url"),
      ttlSeconds: e.TURN_TTL_SECONDS,
      allowLoopbackPeers: e.TURN_ALLOW_LOOPBACK_PEERS,
      ...(e.TURN_RELAY_IP ? { relayIp: e.TURN_RELAY_IP } : {}),
      userQuota: e.TURN_USER_QUOTA,
      totalQuota: e.TURN_TOTAL_QUOTA,
    };
  }
  if (e.TURN_URLS !== undefined) {
    if (e.TURN_SECRET === undefined) {
      problems.push("TURN_URLS needs TURN_SECRET, the TURN server's static-auth-secret.");
      return { mode: "off" };
    }
    return { mode: "external", urls: e.TURN_URLS, secret: e.TURN_SECRET, ttlSeconds: e.TURN_TTL_SECONDS };
  }
  if (e.ICE_TRANSPORT_POLICY === "relay") {
    problems.push(
      "ICE_TRANSPORT_POLICY=relay needs a TURN server: set TURN=coturn, or TURN_URLS and TURN_SECRET.",
    );
  }
  return { mode: "off" };
}

/** The URLs peers use for a coturn listening on `host:port` (UDP first; TCP for networks that block UDP). */
export function coturnUrls(host: string, port: number): string[] {
  const authority = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  return [`turn:${authority}?transport=udp`, `turn:${authority}?transport=tcp`];
}

/** The emulator's `turn` option for a setting (none when TURN is off: it hands out its STUN responder). */
export function emulatorTurn(
  setting: TurnSetting,
): { urls: string[]; secret: string; ttlSeconds: number } | undefined {
  if (setting.mode === "off") return undefined;
  const urls = setting.mode === "external" ? setting.urls : coturnUrls(setting.publicHost, setting.port);
  return { urls, secret: setting.secret, ttlSeconds: setting.ttlSeconds };
}

/** What `TURN=coturn` asks of coturn; `interfaces` (os.networkInterfaces()) pick a wildcard's relay address. */
export function coturnOptions(
  setting: Extract<TurnSetting, { mode: "coturn" }>,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>,
): CoturnOptions {
  const wildcard = setting.listenHost === "0.0.0.0" || setting.listenHost === "::";
  const relayIp = setting.relayIp ?? (wildcard ? pickRelayIp(setting.publicHost, interfaces) : undefined);
  return {
    listenHost: setting.listenHost,
    port: setting.port,
    secret: setting.secret,
    allowLoopbackPeers: setting.allowLoopbackPeers,
    ...(relayIp ? { relayIp } : {}),
    userQuota: setting.userQuota,
    totalQuota: setting.totalQuota,
  };
}
