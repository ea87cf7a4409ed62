import type { MiddlewareHandler } from "hono";
import { BeamError } from "../../../protocol/errors.ts";
import type { Logger } from "../logger.ts";
import { addressKey, clientAddress } from "./client-address.ts";
import type { WindowLimiter } from "./window-limiter.ts";

/** 429 `rate_limited` with `Retry-After` once a client address has used its window. */
export function rateLimit(options: {
  limiter: WindowLimiter;
  trustProxyHops: number;
  what: string;
  logger: Logger;
}): MiddlewareHandler {
  return async (c, next) => {
    const key = addressKey(clientAddress(c, options.trustProxyHops));
    const { allowed, retryAfterSeconds } = options.limiter.admit(key);
    if (!allowed) {
      options.logger.warn("rate limited", { what: options.what, client: key });
      // Headers set on the context survive into the error response built by `handleError`.
      c.header("retry-after", String(retryAfterSeconds));
      throw new BeamError(
        "rate_limited",
        `Too many ${options.what} from your address. Try again in ${retryAfterSeconds} s.`,
      );
    }
    await next();
  };
}
