import type { IncomingMessage, ServerResponse } from "node:http";

/** Lets browser pages call the emulator cross-origin, like the AWS endpoints do. */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("access-control-allow-origin", req.headers.origin ?? "*");
  res.setHeader("vary", "origin");
  // The SDK reads Date for clock-skew correction and x-amzn-RequestId for $metadata.
  res.setHeader(
    "access-control-expose-headers",
    "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date",
  );
}

/** Answers an OPTIONS preflight; returns false for any other method. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "OPTIONS") return false;
  res.writeHead(200, {
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
    "access-control-max-age": "172800",
    "content-length": "0",
  });
  res.end();
  return true;
}
