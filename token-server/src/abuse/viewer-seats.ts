import type { Clock } from "../clock.ts";

/** What the server knows about a session when a viewer asks for a seat. */
export interface SeatContext {
  /** The link that admits viewers now: seats taken on an older link are void. */
  linkId: string | undefined;
  /** Removed viewers hold no seat, even while their old connection lingers. */
  removed: ReadonlySet<string>;
  /** Viewers connected now; undefined where the server cannot see connections (AWS). */
  connected: ReadonlySet<string> | undefined;
}

interface Reservation {
  linkId: string | undefined;
  until: number;
}

/**
 * Viewers per session, counted without asking KVS (it has no API that says how many clients a
 * channel holds). A seat is a viewer client id. A join reserves one for `pendingMs`, time enough to
 * open the signaling connection; from then on only a connected viewer holds a seat, for as long as
 * it stays connected. So joins that never connect cannot squat a share: their seats lapse within
 * seconds, and a new link or a removal frees them at once. Soft state: a restart forgets the
 * reservations, and KVS still enforces its own limit on open connections.
 */
export class ViewerSeats {
  private readonly sessions = new Map<string, Map<string, Reservation>>();

  constructor(
    private readonly options: { perSession: number; pendingMs: number; clock: Clock; maxSessions?: number },
  ) {}

  /** Reserves (or renews) `clientId`'s seat; false when every seat is held by someone else. */
  take(sessionId: string, clientId: string, context: SeatContext): boolean {
    if (this.options.perSession <= 0) return true;
    const now = this.options.clock.now();
    const reserved = this.sessions.get(sessionId) ?? new Map<string, Reservation>();
    for (const [id, seat] of reserved) {
      if (seat.until <= now || seat.linkId !== context.linkId || context.removed.has(id)) reserved.delete(id);
    }
    const held = new Set(reserved.keys());
    for (const id of context.connected ?? []) if (!context.removed.has(id)) held.add(id);
    this.sessions.delete(sessionId); // re-insert: Map order is the LRU order
    this.sessions.set(sessionId, reserved);
    this.trim();
    if (!held.has(clientId) && held.size >= this.options.perSession) return false;
    reserved.set(clientId, { linkId: context.linkId, until: now + this.options.pendingMs });
    return true;
  }

  /** The session ended: its seats are free. */
  release(sessionId: string): void {
    this.sessions.delete(sessionId);
  }

  private trim(): void {
    const max = this.options.maxSessions ?? 10_000;
    for (const key of this.sessions.keys()) {
      if (this.sessions.size <= max) return;
      this.sessions.delete(key);
    }
  }
}
