import { randomBytes } from "node:crypto";

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
    };

interface TurnEnv {
  HOST: string;
  TURN: "off" | "coturn";
  TURN_URLS?: string[] | undefined;
  TURN_SECRET?: string | undefined;
  TURN_PORT: number;
  TURN_TTL_SECONDS: number;
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
