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
