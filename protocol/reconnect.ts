/**
 * Reconnect policy as a pure function: attempt number (0-based) → delay in ms, or null to give up.
 * The first retry is immediate because a dropped signaling socket usually comes back at once
 * (idle timeout, GO_AWAY) and viewers are waiting.
 */
export type ReconnectPolicy = (attempt: number) => number | null;

export function backoff(
  options: { maxAttempts?: number; baseMs?: number; capMs?: number } = {},
): ReconnectPolicy {
  const { maxAttempts = Number.POSITIVE_INFINITY, baseMs = 250, capMs = 10_000 } = options;
  return (attempt) => {
    if (attempt >= maxAttempts) return null;
    if (attempt === 0) return 0;
    return Math.min(capMs, baseMs * 2 ** (attempt - 1));
  };
}

/**
 * Backoff for a signaling connect KVS refused: it admits 3 viewer connects a second per channel and
 * fails the upgrade of the rest, so a crowd that retried in lockstep would collide again. Each delay
 * is drawn from [60 %, 100 %] of a step that doubles from `baseMs` to `capMs`; `random` returns
 * [0, 1) like `Math.random`, injected so tests choose the draw.
 */
export function jitteredBackoff(options: {
  random: () => number;
  maxAttempts?: number;
  baseMs?: number;
  capMs?: number;
}): ReconnectPolicy {
  const { random, maxAttempts = Number.POSITIVE_INFINITY, baseMs = 500, capMs = 3000 } = options;
  return (attempt) => {
    if (attempt >= maxAttempts) return null;
    const step = Math.min(capMs, baseMs * 2 ** attempt);
    return Math.round(step * (0.6 + 0.4 * random()));
  };
}
