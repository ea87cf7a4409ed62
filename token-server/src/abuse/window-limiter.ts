import type { Clock } from "../clock.ts";

export interface Admission {
  allowed: boolean;
  /** Whole seconds until the key's window ends: the `Retry-After` of a refusal. */
  retryAfterSeconds: number;
}

interface Window {
  startedAt: number;
  count: number;
}

/**
 * Fixed-window counter per key (a client address), with an injected clock. Memory is bounded: keys
 * whose window has ended are dropped as new keys arrive, and past `maxKeys` the oldest go first.
 */
export class WindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly options: { limit: number; windowMs: number; clock: Clock; maxKeys?: number },
  ) {}

  admit(key: string): Admission {
    const now = this.options.clock.now();
    const { limit, windowMs } = this.options;
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= windowMs) {
      this.windows.delete(key);
      window = { startedAt: now, count: 0 };
      this.evict(now);
      this.windows.set(key, window);
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000));
    if (limit > 0 && window.count >= limit) return { allowed: false, retryAfterSeconds };
    window.count++;
    return { allowed: true, retryAfterSeconds };
  }

  get size(): number {
    return this.windows.size;
  }

  private evict(now: number): void {
    const maxKeys = this.options.maxKeys ?? 100_000;
    // Map order is insertion order, so the oldest windows come first.
    for (const [key, window] of this.windows) {
      if (this.windows.size < maxKeys && now - window.startedAt < this.options.windowMs) return;
      this.windows.delete(key);
    }
  }
}
