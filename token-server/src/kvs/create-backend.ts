import type { Clock } from "../clock.ts";
import { ChannelCache } from "./cache.ts";
import { createKvsClients, type KvsConnection } from "./clients.ts";
import { kvsStunUrl } from "./ice.ts";
import type { KvsBackend, KvsMode } from "./port.ts";
import { createPresigner } from "./presign.ts";
import type { RetryPolicy, Sleep } from "./retry.ts";
import { createSdkBackend } from "./sdk-backend.ts";

export interface KvsBackendOptions {
  mode: KvsMode;
  connection: KvsConnection;
  channelPrefix: string;
  presignExpiresSeconds: number;
  clock: Clock;
  retry?: RetryPolicy;
  sleep?: Sleep;
}

/** Wires clients, presigner and cache into the backend; `close` releases the SDK's sockets. */
export function createKvsBackend(options: KvsBackendOptions): { backend: KvsBackend; close(): void } {
  const clients = createKvsClients(options.connection);
  const region = options.connection.region;
  const backend = createSdkBackend({
    mode: options.mode,
    region,
    channelPrefix: options.channelPrefix,
    clients,
    presign: createPresigner({
      region,
      credentials: clients.credentials,
      expiresSeconds: options.presignExpiresSeconds,
      clock: options.clock,
    }),
    cache: new ChannelCache({ clock: options.clock }),
    // The emulator is offline: no public STUN server. KVS pairs its TURN servers with its regional STUN.
    stunUrls: options.mode === "aws" ? [kvsStunUrl(region)] : [],
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  return { backend, close: () => clients.destroy() };
}
