/** `(attempt, error) → delay in ms, or null to give up`. `attempt` counts failures so far (1 after the first). */
export type RetryPolicy = (attempt: number, error: unknown) => number | null;

const THROTTLING = new Set([
  "ClientLimitExceededException",
  "ThrottlingException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
]);
const TRANSIENT_NETWORK = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "TimeoutError", "RequestTimeout"]);

export function isThrottling(error: unknown): boolean {
  return THROTTLING.has(errorName(error));
}

export function httpStatus(error: unknown): number | undefined {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata?.httpStatusCode;
  return typeof status === "number" ? status : undefined;
}

export function isServerError(error: unknown): boolean {
  return (httpStatus(error) ?? 0) >= 500;
}

function isTransientNetwork(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return TRANSIENT_NETWORK.has(errorName(error)) || (typeof code === "string" && TRANSIENT_NETWORK.has(code));
}

export function errorName(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === "string" ? name : "";
}

export interface RetryPolicyOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Retry 5xx and dropped connections too; off for calls that must not run twice (create). */
  retryTransient?: boolean;
  /** More AWS error names to retry, e.g. ResourceInUseException for a delete racing a create. */
  alsoRetry?: readonly string[];
  /** In [0, 1); injected so tests are deterministic. */
  random?: () => number;
}

/** Exponential backoff with "equal jitter", for throttling (always) and transient failures (opt-in). */
export function createRetryPolicy(options: RetryPolicyOptions = {}): RetryPolicy {
  const {
    maxAttempts = 4,
    baseDelayMs = 100,
    maxDelayMs = 2_000,
    retryTransient = true,
    random = Math.random,
    alsoRetry = [],
  } = options;
  return (attempt, error) => {
    if (attempt >= maxAttempts) return null;
    const retryable =
      isThrottling(error) ||
      alsoRetry.includes(errorName(error)) ||
      (retryTransient && (isServerError(error) || isTransientNetwork(error)));
    if (!retryable) return null;
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
  };
}

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function withRetry<T>(
  run: () => Promise<T>,
  policy: RetryPolicy,
  sleep: Sleep = realSleep,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const delay = policy(attempt, error);
      if (delay === null) throw error;
      await sleep(delay);
    }
  }
}
