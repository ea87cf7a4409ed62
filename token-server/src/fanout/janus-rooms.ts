/**
 * The token server's side of Janus's video rooms: one room per share that fans out, created and
 * destroyed only by the token server (the plugin's `admin_key`), with the sharer as its only
 * publisher. A room's `secret` guards destroy and kick; its `pin` is the link's: viewers must know
 * it to join, so a new link (a new pin) shuts out the old one. Janus is reached with janode (one
 * session, kept alive), authenticated by a token this server mints for itself.
 */
import Janode from "janode";
import VideoRoomPlugin from "janode/plugins/videoroom";
import { mintJanusToken, VIDEOROOM_PLUGIN } from "./janus-token.ts";

export interface JanusRoomsOptions {
  /** Janus's WebSocket API, e.g. ws://127.0.0.1:8188. */
  url: string;
  tokenSecret: string;
  adminKey: string;
  now: () => number;
  /** How long this server's own token lasts; it is minted again on every connect. */
  tokenLifetimeMs?: number;
}

export interface RoomSettings {
  /** Guards destroy and kick. */
  secret: string;
  /** What a viewer must send to join. */
  pin: string;
  /** The publisher's video bitrate cap, bits per second. */
  bitrateBps: number;
}

export interface JanusRooms {
  create(room: string, settings: RoomSettings): Promise<void>;
  exists(room: string): Promise<boolean>;
  /** Removes a participant (a viewer the sharer removed) from the room. */
  kick(room: string, feed: string, secret: string): Promise<void>;
  /** Ends the room; Janus tells everyone in it. */
  destroy(room: string, secret: string): Promise<void>;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

// janode logs to stdout by itself, and at its verbose level its configuration with this server's
// token; requests carry the admin key. Its failures reach the caller as errors instead.
Janode.Logger.setLevel("none");

export async function connectJanusRooms(options: JanusRoomsOptions): Promise<JanusRooms> {
  const token = mintJanusToken(options.tokenSecret, {
    expiresAt: options.now() + (options.tokenLifetimeMs ?? 30 * DAY_MS),
    plugins: [VIDEOROOM_PLUGIN],
  });
  const connection = await Janode.connect({ address: { url: options.url, token }, max_retries: 1 });
  try {
    const session = await connection.create();
    const handle = await session.attach(VideoRoomPlugin);
    return {
      async create(room, { secret, pin, bitrateBps }) {
        await handle.create({
          room,
          admin_key: options.adminKey,
          max_publishers: 1,
          is_private: true,
          secret,
          pin,
          bitrate: bitrateBps,
          videocodec: "vp8",
          // A new subscriber asks for a key frame itself; no periodic ones on top.
          fir_freq: 0,
        });
      },
      exists: async (room) => (await handle.exists({ room })).exists,
      async kick(room, feed, secret) {
        await handle.kick({ room, feed, secret });
      },
      async destroy(room, secret) {
        await handle.destroy({ room, secret });
      },
      async close() {
        await handle.detach().catch(() => {});
        await session.destroy().catch(() => {});
        await connection.close();
      },
    };
  } catch (error) {
    await connection.close().catch(() => {});
    throw error;
  }
}
