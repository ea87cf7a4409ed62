/**
 * Janus's signed tokens (`token_auth_secret`): `<expiry>,janus,<plugin>[,<plugin>…]:<signature>`,
 * the signature being base64(HMAC-SHA1(secret, everything before the colon)). Janus checks the
 * signature, the expiry (seconds since the epoch) and that the plugin a handle attaches to is listed,
 * so a token minted for a viewer opens the video room plugin and nothing else, until it expires.
 */
import { createHmac } from "node:crypto";

export const VIDEOROOM_PLUGIN = "janus.plugin.videoroom";

export interface JanusTokenRequest {
  /** When the token stops working, ms since the epoch (Janus counts whole seconds). */
  expiresAt: number;
  plugins: readonly string[];
}

export function mintJanusToken(secret: string, { expiresAt, plugins }: JanusTokenRequest): string {
  if (plugins.length === 0) throw new Error("a Janus token must name at least one plugin");
  for (const plugin of plugins)
    if (!/^[a-z0-9.]+$/.test(plugin)) throw new Error(`not a Janus plugin name: ${plugin}`);
  const data = `${Math.floor(expiresAt / 1000)},janus,${plugins.join(",")}`;
  return `${data}:${createHmac("sha1", secret).update(data).digest("base64")}`;
}
