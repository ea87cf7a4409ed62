import type { IncomingMessage } from "node:http";
import type { Context } from "hono";

const utf8 = new TextDecoder();

/**
 * The request body as text (UTF-8, a leading BOM dropped, like `Request.text()`). On Node it reads
 * the socket stream directly when nothing has read it yet: wrapping it in a WHATWG Request and
 * stream first costs more CPU than the rest of a viewer join. Other runtimes, or a body already
 * read (Hono's bodyLimit buffers chunked bodies), go through `c.req.text()`.
 */
export async function requestText(c: Context): Promise<string> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== "function" || incoming.readableDidRead || "rawBody" in incoming) {
    return c.req.text();
  }
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  return utf8.decode(Buffer.concat(chunks));
}
