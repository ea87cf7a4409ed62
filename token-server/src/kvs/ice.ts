import type { IceServer as KvsIceServer } from "@aws-sdk/client-kinesis-video-signaling";
import type { IceServer } from "../../../protocol/api.ts";

export interface IceServerBundle {
  servers: IceServer[];
  /** The shortest credential lifetime in the list, seconds. */
  ttlSeconds: number;
}

const DEFAULT_TTL_SECONDS = 300;

/** KVS's GetIceServerConfig answer, shaped for `new RTCPeerConnection({ iceServers })`, after the STUN urls. */
export function toIceServers(list: KvsIceServer[] | undefined, stunUrls: readonly string[]): IceServerBundle {
  const turn = (list ?? [])
    .filter((server) => (server.Uris?.length ?? 0) > 0)
    .map((server) => ({
      urls: server.Uris ?? [],
      ...(server.Username !== undefined ? { username: server.Username } : {}),
      ...(server.Password !== undefined ? { credential: server.Password } : {}),
    }));
  const ttls = (list ?? [])
    .map((server) => server.Ttl)
    .filter((ttl): ttl is number => typeof ttl === "number");
  const stun = stunUrls.length > 0 ? [{ urls: [...stunUrls] }] : [];
  return {
    servers: [...stun, ...turn],
    ttlSeconds: ttls.length > 0 ? Math.min(...ttls) : DEFAULT_TTL_SECONDS,
  };
}

/** STUN server of a KVS region, as the official examples use it. */
export function kvsStunUrl(region: string): string {
  return `stun:stun.kinesisvideo.${region}.amazonaws.com:443`;
}

/**
 * How long cached TURN credentials may still be handed out: until they have a minute (or half their
 * lifetime, if shorter) left, so a peer always gets credentials it has time to use.
 */
export function iceReuseSeconds(ttlSeconds: number): number {
  return ttlSeconds - Math.min(60, ttlSeconds / 2);
}
