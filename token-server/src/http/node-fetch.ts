import type { IncomingMessage } from "node:http";
import type { Http2Bindings, HttpBindings } from "@hono/node-server";
import type { Hono } from "hono";
import { tooLarge } from "./body-limit.ts";
import type { HeaderReader } from "./request-header.ts";
import type { BodyReader } from "./request-text.ts";

const utf8 = new TextDecoder();

/**
 * Reads the socket stream directly, cutting a chunked body off as soon as it grows past `maxBytes`
 * (what is left is the adapter's to drain or drop once the answer is sent). Plain listeners, left
 * on the finished stream: an async iterator per request cost more CPU than the rest of the read.
 */
function incomingReader(incoming: IncomingMessage): BodyReader {
  return (maxBytes) =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on("data", (chunk: Buffer) => {
        if (size > maxBytes) return; // refused already
        size += chunk.length;
        if (size <= maxBytes) return void chunks.push(chunk);
        incoming.pause();
        reject(tooLarge());
      });
      incoming.on("end", () => resolve(utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))));
      incoming.on("error", reject);
      // 'close' follows 'end' on every request: an Error (and its stack) only when the body was cut short.
      incoming.on("close", () => {
        if (!incoming.readableEnded) reject(new Error("The request closed before its body ended."));
      });
    });
}

/**
 * A header as `Headers.get` gives it (every value of that name, joined by ", "), straight from
 * Node's raw list: building the Fetch `Headers` of a request cost as much as the rest of its checks.
 */
function rawHeaderReader(incoming: IncomingMessage): HeaderReader {
  return (name) => {
    const raw = incoming.rawHeaders;
    let value: string | undefined;
    for (let i = 0; i < raw.length; i += 2) {
      const key = raw[i] as string;
      if (key.length !== name.length || key.toLowerCase() !== name) continue;
      value = value === undefined ? raw[i + 1] : `${value}, ${raw[i + 1]}`;
    }
    return value;
  };
}

/** What @hono/node-server calls per request. */
export type NodeFetch = (request: Request, env: HttpBindings | Http2Bindings) => Response | Promise<Response>;

/**
 * The app's `fetch` for @hono/node-server: passes the adapter's env on (`getConnInfo` reads the client
 * address from it) and adds a body and a header reader, because wrapping the socket in a WHATWG
 * Request, its stream and its Headers first costs more CPU than the rest of a viewer join.
 */
export function nodeFetch(app: Hono): NodeFetch {
  return (request, env) => {
    const incoming = (env as HttpBindings).incoming;
    if (typeof incoming?.on !== "function") return app.fetch(request, env);
    const unread = !incoming.readableDidRead && !("rawBody" in incoming);
    return app.fetch(request, {
      ...env,
      readHeader: rawHeaderReader(incoming),
      ...(unread ? { readBody: incomingReader(incoming) } : {}),
    });
  };
}
