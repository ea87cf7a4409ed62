import type { IncomingMessage } from "node:http";
import type { Http2Bindings, HttpBindings } from "@hono/node-server";
import type { Hono } from "hono";
import { tooLarge } from "./body-limit.ts";
import type { BodyReader } from "./request-text.ts";

const utf8 = new TextDecoder();

/** Reads the socket stream directly, cutting a chunked body off as soon as it grows past `maxBytes`. */
function incomingReader(incoming: IncomingMessage): BodyReader {
  return async (maxBytes) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of incoming) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
    return utf8.decode(Buffer.concat(chunks));
  };
}

/** What @hono/node-server calls per request. */
export type NodeFetch = (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>;

/**
 * The app's `fetch` for @hono/node-server: passes the adapter's env on (`getConnInfo` reads the client
 * address from it) and adds a body reader, because wrapping the socket in a WHATWG Request and
 * stream first costs more CPU than the rest of a viewer join.
 */
export function nodeFetch(app: Hono): NodeFetch {
  return (request, env) => {
    const incoming = (env as HttpBindings).incoming;
    const unread =
      typeof incoming?.on === "function" && !incoming.readableDidRead && !("rawBody" in incoming);
    return app.fetch(request, unread ? { ...env, readBody: incomingReader(incoming) } : env);
  };
}
