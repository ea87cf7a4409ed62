/**
 * One timer armed for an absolute time on an injected clock: the pure reducers ask for the time
 * they next need a look, never for a delay, and each new request replaces the last.
 */

export interface Timers {
  setTimeout: typeof setTimeout;
  clearTimeout: typeof clearTimeout;
}

export interface WakeTimer {
  /** Fires at `at` (null: not at all), replacing any time set before. */
  set(at: number | null): void;
}

export function wakeTimer(fire: () => void, now: () => number, timers: Timers): WakeTimer {
  let handle: ReturnType<typeof setTimeout> | undefined;
  return {
    set(at) {
      timers.clearTimeout(handle);
      // Rounded up: timers round fractional delays down, and a timer firing early finds nothing due.
      handle = at === null ? undefined : timers.setTimeout(fire, Math.max(0, Math.ceil(at - now())));
    },
  };
}
