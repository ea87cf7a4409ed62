import type { Clock } from "../clock.ts";

/**
 * KVS lets a channel take only a few viewer connects a second (3; the emulator enforces the same)
 * and refuses the rest of a crowd at the WebSocket upgrade, so ten people opening a link together
 * would retry blind and wait on each other's backoff. The server sees every join, so it hands out
 * connect slots instead: each join is told how long to wait before opening its socket, so the
 * crowd arrives at exactly the rate KVS takes. Soft state per server instance; a viewer refused
 * anyway (several instances, clock jitter) still retries with backoff.
 */
/** ConnectAsViewer's documented quota per channel. */
export const KVS_VIEWER_CONNECTS_PER_SECOND = 3;

export interface ConnectSlots {
  /** Reserves the next free slot on the session's channel: ms to wait before connecting (0: now). */
  reserve(sessionId: string): number;
}

export interface ConnectSlotOptions {
  /** Connects per window a channel allows; 0 or less: no limit, every slot is now. */
  perWindow: number;
  /** KVS counts a sliding second; a tenth more keeps network jitter from packing two slots into one. */
  windowMs?: number;
  clock: Clock;
  /** Channels remembered at most (the oldest are forgotten first). */
  maxChannels?: number;
  /**
   * The longest wait handed out. A full channel's crowd (10 viewers) needs 3.3 s; past that, joins
   * that keep coming (rejoins, or someone with the link hammering it) must not push every later
   * viewer's slot further away, so they connect at this bound and KVS's own refusal paces them.
   */
  maxDelayMs?: number;
}

export function createConnectSlots(options: ConnectSlotOptions): ConnectSlots {
  const windowMs = options.windowMs ?? 1_100;
  const maxChannels = options.maxChannels ?? 10_000;
  const maxDelayMs = options.maxDelayMs ?? 4_000;
  /** Per session, its latest `perWindow` slots, oldest first: all the next slot depends on. */
  const channels = new Map<string, number[]>();

  return {
    reserve(sessionId) {
      if (options.perWindow <= 0) return 0;
      const now = options.clock.now();
      const slots = channels.get(sessionId) ?? [];
      // The window holds `perWindow` slots: the next one opens when the oldest of them leaves it.
      const blocking = slots.length < options.perWindow ? undefined : slots[0];
      const at =
        blocking === undefined ? now : Math.min(now + maxDelayMs, Math.max(now, blocking + windowMs));
      slots.push(at);
      if (slots.length > options.perWindow) slots.shift();
      channels.delete(sessionId);
      channels.set(sessionId, slots);
      if (channels.size > maxChannels) channels.delete(channels.keys().next().value as string);
      return at - now;
    },
  };
}
