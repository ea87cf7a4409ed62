import type { Clock } from "../clock.ts";

/**
 * Viewers per session, counted without asking KVS (it has no API that says how many clients a
 * channel holds). A seat is the viewer client id the server handed credentials to; it is held for
 * `holdMs` (the presign window: an older URL can no longer open a connection) and renewed by every
 * join of the same viewer, so a reloading viewer keeps its seat. Soft state: a restart forgets it,
 * and KVS still enforces its own limit on open connections.
 */
export class ViewerSeats {
  private readonly sessions = new Map<string, Map<string, number>>();

  constructor(
    private readonly options: { perSession: number; holdMs: number; clock: Clock; maxSessions?: number },
  ) {}

  /** Takes or renews `clientId`'s seat; false when every seat is held by someone else. */
  take(sessionId: string, clientId: string): boolean {
    if (this.options.perSession <= 0) return true;
    const now = this.options.clock.now();
    const seats = this.sessions.get(sessionId) ?? new Map<string, number>();
    for (const [id, takenAt] of seats) if (now - takenAt >= this.options.holdMs) seats.delete(id);
    if (!seats.has(clientId) && seats.size >= this.options.perSession) return false;
    seats.delete(clientId);
    seats.set(clientId, now);
    this.sessions.delete(sessionId);
    this.sessions.set(sessionId, seats);
    this.trim();
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
