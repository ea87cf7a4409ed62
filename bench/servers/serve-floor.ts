/**
 * Child process for the HTTP floors: a server that reads each request body and answers a fixed
 * JSON body as long as Beam's viewer-join answer (`FLOOR_BODY_BYTES`). `FLOOR_SERVER=node`: bare
 * `node:http`, what Node's HTTP stack alone costs. `FLOOR_SERVER=hono`: one Hono route on
 * `@hono/node-server`, as Beam's server is built, with no middleware, crypto or KVS. Prints
 * `{ url }` as one JSON line, then serves until SIGTERM.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer, type HttpBindings } from "@hono/node-server";
import { Hono } from "hono";

const bytes = Number(process.env.FLOOR_BODY_BYTES);
const EMPTY = '{"pad":""}';
if (!Number.isInteger(bytes) || bytes < EMPTY.length) throw new Error("FLOOR_BODY_BYTES: a byte count");
const text = JSON.stringify({ pad: "x".repeat(bytes - EMPTY.length) });
const body = Buffer.from(text);
const headers = { "content-type": "application/json", "content-length": String(body.length) };

function bareServer(): Server {
  return createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, headers);
      res.end(body);
    });
  });
}

/** The body is drained from Node's stream, as Beam reads it: a Fetch `Request` body costs far more. */
function honoServer(): Server {
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.post("/api/sessions/:id/viewers", async (c) => {
    const incoming = c.env.incoming;
    await new Promise((resolve) => incoming.on("end", resolve).resume());
    return c.body(text, 200, { "content-type": "application/json" });
  });
  return createAdaptorServer({ fetch: app.fetch }) as Server;
}

const kind = process.env.FLOOR_SERVER ?? "node";
if (kind !== "node" && kind !== "hono") throw new Error("FLOOR_SERVER: node or hono");
const server = kind === "hono" ? honoServer() : bareServer();
server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
});
process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
