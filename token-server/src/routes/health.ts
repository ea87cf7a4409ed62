import type { Handler } from "hono";
import type { HealthResponse } from "../../../protocol/api.ts";
import type { KvsBackend } from "../kvs/port.ts";

/** `GET /healthz`: liveness plus which KVS this server talks to. Makes no AWS call. */
export function healthRoute(kvs: KvsBackend): Handler {
  return (c) => c.json({ ok: true, kvs: kvs.mode, region: kvs.region } satisfies HealthResponse);
}
