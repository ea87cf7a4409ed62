import type { Context } from "hono";
import { MAX_BODY_BYTES, tooLarge } from "./body-limit.ts";

/**
 * A quicker way to the body that a runtime adapter may put in the app's env (Node's: node-fetch.ts).
 * It resolves to the text, or throws `tooLarge()` once more than `maxBytes` have arrived.
 */
export type BodyReader = (maxBytes: number) => Promise<string>;

/**
 * The request body as text (UTF-8, a leading BOM dropped, like `Request.text()`), at most
 * `MAX_BODY_BYTES`: past that it is 413. Uses the adapter's reader when there is one; otherwise
 * (Lambda hands over a finished body; `app.request()` in tests) `c.req.text()`.
 */
export async function requestText(c: Context): Promise<string> {
  const readBody = (c.env as { readBody?: BodyReader } | undefined)?.readBody;
  if (readBody) return readBody(MAX_BODY_BYTES);
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  return text;
}
