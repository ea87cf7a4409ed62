import { createHmac } from "node:crypto";
import type { IceServer } from "../../../protocol/api.ts";
import type { Clock } from "../clock.ts";
import type { TurnSetting } from "./turn-config.ts";

/**
 * Gives a peer TURN credentials of its own: `user` is its KVS client id (or `master-<session>`).
 * The ICE servers of a session are fetched once and cached, so without this every peer of a share
 * would hold the same TURN user: coturn's per-user quota would cover the whole share, and a removed
 * viewer would keep credentials identical to everyone else's until they expire.
 */
export type TurnUsers = (servers: readonly IceServer[], user: string) => IceServer[];

/** KVS's managed TURN (AWS mode) mints its own credentials; they are handed on as they are. */
export const sharedTurnUsers: TurnUsers = (servers) => [...servers];

/** TURN REST (coturn's `use-auth-secret`): username `expiry:user`, password base64 HMAC-SHA1 of it. */
export function turnRestUsers(options: { secret: string; ttlSeconds: number; clock: Clock }): TurnUsers {
  return (servers, user) => {
    const username = `${Math.floor(options.clock.now() / 1000) + options.ttlSeconds}:${user}`;
    const credential = createHmac("sha1", options.secret).update(username).digest("base64");
    return servers.map((server) =>
      [server.urls].flat().some((url) => /^turns?:/i.test(url))
        ? { ...server, username, credential }
        : server,
    );
  };
}

/** Chosen once from the configuration: the token server signs for the TURN server it knows the secret of. */
export function turnUsersFor(setting: TurnSetting, clock: Clock): TurnUsers {
  if (setting.mode === "off") return sharedTurnUsers;
  return turnRestUsers({ secret: setting.secret, ttlSeconds: setting.ttlSeconds, clock });
}

/** The TURN user of a session's sharer (masters have no KVS client id). */
export const masterTurnUser = (sessionId: string) => `master-${sessionId}`;
