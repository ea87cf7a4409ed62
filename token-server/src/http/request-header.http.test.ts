import { request } from "node:http";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { listenLazily } from "../testing/listen-lazily.ts";
import { requestHeader } from "./request-header.ts";

describe("requestHeader over Node's HTTP server", () => {
  const app = new Hono().get("/", (c) =>
    c.json({ fast: requestHeader(c, "x-beam") ?? null, fetch: c.req.header("x-beam") ?? null }),
  );
  const listening = listenLazily(0).then((listener) => {
    listener.serve(app);
    return listener;
  });
  afterAll(async () => (await listening).close());

  /** GETs `/` with these raw header lines (names repeat as written; raw lists get no Host of their own). */
  async function echo(headers: string[]): Promise<unknown> {
    const { url } = await listening;
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: ["Host", new URL(url).host, ...headers] });
      req.on("error", reject);
      req.on("response", (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => resolve(JSON.parse(text)));
      });
      req.end();
    });
  }

  it("reads a header as Headers.get does: any case, repeats joined, absent as undefined", async () => {
    expect(await echo(["X-Beam", "one"])).toEqual({ fast: "one", fetch: "one" });
    expect(await echo(["x-beam", "one", "X-BEAM", "two"])).toEqual({ fast: "one, two", fetch: "one, two" });
    expect(await echo(["x-other", "one"])).toEqual({ fast: null, fetch: null });
  });
});
