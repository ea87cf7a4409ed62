import type { Context } from "hono";

/** A quicker way to a request header that a runtime adapter may put in the app's env (Node's: node-fetch.ts). */
export type HeaderReader = (lowerCaseName: string) => string | undefined;

/** The request header `name` (lower case), as `c.req.header(name)` gives it, through the adapter's reader when there is one. */
export function requestHeader(c: Context, name: string): string | undefined {
  const readHeader = (c.env as { readHeader?: HeaderReader } | undefined)?.readHeader;
  return readHeader ? readHeader(name) : c.req.header(name);
}
