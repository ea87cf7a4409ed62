import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import type { Hono } from "hono";
import { type NodeFetch, nodeFetch } from "../http/node-fetch.ts";
import { capConnections, type HttpLimits, nodeServerOptions } from "../http/node-limits.ts";

export interface Listener {
  server: Server;
  port: number;
  url: string;
  /** Starts answering with `app`; until then every request gets 503. */
  serve(app: Hono): void;
  close(): Promise<void>;
}

/**
 * Listens on loopback (`port` 0 picks one) before the app exists, because the app needs its own URL
 * (the public URL viewer links carry). `http` applies main.ts's timeouts and connection cap.
 */
export async function listenLazily(port: number, http?: HttpLimits): Promise<Listener> {
  let fetch: NodeFetch | undefined;
  const server = createAdaptorServer({
    // The same adapter as main.ts's: the env carries the socket (client address, body reader).
    fetch: (request, env) => (fetch ? fetch(request, env) : new Response("starting", { status: 503 })),
    ...(http ? { serverOptions: nodeServerOptions(http) } : {}),
  }) as Server;
  if (http) capConnections(server, http);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    server,
    port: bound,
    url: `http://127.0.0.1:${bound}`,
    serve: (app) => {
      fetch = nodeFetch(app);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
