import type { IncomingMessage } from "node:http";
import type { Context } from "hono";
import { MAX_BODY_BYTES, tooLarge } from "./body-limit.ts";

const utf8 = new TextDecoder();

/**
 * The request body as text (UTF-8, a leading BOM dropped, like `Request.text()`), at most
 * `MAX_BODY_BYTES`: a chunked body is cut off with 413 as soon as it grows past that. On Node it
 * reads the socket stream directly: wrapping it in a WHATWG Request and stream first costs more CPU
 * than the rest of a viewer join. Other runtimes (Lambda hands over a finished body) use `c.req.text()`.
 */
export async function requestText(c: Context): Promise<string> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== "function" || incoming.readableDidRead || "rawBody" in incoming) {
    const text = await c.req.text();
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
    return text;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return utf8.decode(Buffer.concat(chunks));
}
