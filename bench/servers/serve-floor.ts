/**
 * Child process for the HTTP floor: a bare `node:http` server that reads each request body and
 * answers a fixed JSON body as long as Beam's viewer-join answer (`FLOOR_BODY_BYTES`). No framework,
 * no routing, no crypto: what Node's HTTP stack alone costs on this machine under the same load.
 * Prints `{ url }` as one JSON line, then serves until SIGTERM.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const bytes = Number(process.env.FLOOR_BODY_BYTES);
const EMPTY = '{"pad":""}';
if (!Number.isInteger(bytes) || bytes < EMPTY.length) throw new Error("FLOOR_BODY_BYTES: a byte count");
const body = Buffer.from(JSON.stringify({ pad: "x".repeat(bytes - EMPTY.length) }));
const headers = { "content-type": "application/json", "content-length": String(body.length) };

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
});
process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
