import { createHmac } from "node:crypto";
import type { ChannelStore } from "./channel-store.ts";
import { parseInput, schemas } from "./control-schemas.ts";
import { notFound } from "./errors.ts";

export interface TurnConfig {
  urls: string[];
  /** coturn `static-auth-secret` (TURN REST API, draft-uberti-behave-turn-rest). */
  secret: string;
  ttlSeconds?: number;
}

export interface IceContext {
  store: ChannelStore;
  clock: () => number;
  /**
   * Where ICE servers come from. Without a configured TURN server the emulator hands out its own STUN
   * responder (`stun:<host>:<port>`, UDP on the HTTP port's number): the list is never empty (the official
   * pages break on an empty one), the entry keeps the Username/Password/Ttl shape clients read, and on
   * loopback the responder answers at once, so ICE gathering completes offline instead of timing out.
   */
  iceSource: TurnConfig;
}

const DEFAULT_TTL_SECONDS = 300;

/** TURN REST credentials: username `expiry:user`, password base64(HMAC-SHA1(secret, username)). */
export function turnRestCredentials(secret: string, user: string, expiresAtSeconds: number) {
  const username = `${expiresAtSeconds}:${user}`;
  const password = createHmac("sha1", secret).update(username).digest("base64");
  return { username, password };
}

/** `POST /v1/get-ice-server-config` of the KinesisVideoSignaling service. */
export function getIceServerConfig(body: unknown, ctx: IceContext) {
  const input = parseInput(schemas.getIceServerConfig, body);
  const channel = ctx.store.findByArn(input.ChannelARN);
  if (!channel) throw notFound();
  const ttl = ctx.iceSource.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  const expiresAt = Math.floor(ctx.clock() / 1000) + ttl;
  const user = input.ClientId ?? input.Username ?? channel.name;
  const { username, password } = turnRestCredentials(ctx.iceSource.secret, user, expiresAt);
  return { IceServerList: [{ Uris: ctx.iceSource.urls, Username: username, Password: password, Ttl: ttl }] };
}
