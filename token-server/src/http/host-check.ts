import { isIP } from "node:net";
import type { MiddlewareHandler } from "hono";
import { BeamError } from "../../../protocol/errors.ts";

/**
 * DNS rebinding defence. A page at http://rebind.attacker.example:8787 whose name the attacker
 * re-points at 127.0.0.1 reaches this server as its own origin, with that name in `Host`. So only
 * names the server is known by are served: PUBLIC_URL's host, `localhost`, ALLOWED_HOSTS, and IP
 * literals (a literal cannot be re-pointed, so it is never a rebinding; it keeps LAN access by
 * address working). Any port: the name is what a rebinding attack cannot fake.
 */
export type HostCheck = (hostname: string) => boolean;

/** `[::1]` → `::1`, `Beam.Example.com.` → `beam.example.com`. */
const bareHost = (host: string) =>
  host
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();

export function allowedHosts(publicUrl: string, extra: readonly string[] = []): HostCheck {
  const names = new Set([new URL(publicUrl).hostname, "localhost", ...extra].map(bareHost));
  return (hostname) => {
    const host = bareHost(hostname);
    return names.has(host) || isIP(host) !== 0;
  };
}

/** 421 `host_not_allowed` for a request addressed to a name this server is not known by. */
export function requireAllowedHost(isAllowed: HostCheck): MiddlewareHandler {
  // Nearly every request names the same host, and parsing its URL cost more than the rest of the
  // check: the verdict for the last `scheme://authority` is kept (it decides the host name).
  let last = { prefix: "", allowed: false };
  return async (c, next) => {
    // The adapters build the URL from `Host` (Node) or the API Gateway domain (Lambda), normalised.
    const url = c.req.url;
    const end = url.indexOf("/", url.indexOf("//") + 2);
    const prefix = end === -1 ? url : url.slice(0, end);
    if (prefix !== last.prefix) last = { prefix, allowed: isAllowed(new URL(url).hostname) };
    if (!last.allowed) {
      throw new BeamError(
        "host_not_allowed",
        "This server does not answer to that host name. Use the address in its PUBLIC_URL, or add the name to ALLOWED_HOSTS.",
      );
    }
    await next();
  };
}
