import type { Server, ServerOptions } from "node:http";

export interface HttpLimits {
  /** Time a client has to send a whole request, headers and body; headers alone get at most 10 s. */
  requestTimeoutMs: number;
  /** Open connections at once; 0: no cap. */
  maxConnections: number;
}

/**
 * Node's own defaults give a client 60 s for its headers and 5 min for its body, checked every 30 s:
 * plenty of time to hold sockets open with a trickle of bytes. Every request Beam serves is small.
 */
export function nodeServerOptions(limits: HttpLimits): ServerOptions {
  return {
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: Math.min(10_000, limits.requestTimeoutMs),
    // How often Node looks for expired requests: the timeouts above hold to within this.
    connectionsCheckingInterval: Math.min(1_000, limits.requestTimeoutMs),
  };
}

export function capConnections(server: Server, limits: HttpLimits): void {
  if (limits.maxConnections > 0) server.maxConnections = limits.maxConnections;
}
