/**
 * What the benchmarks run against: one KVS emulator, the Beam token server and the tutorial
 * baseline, both using the same SDK clients against that emulator and serving the same viewer page.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createAdaptorServer } from "@hono/node-server";
import type { Hono } from "hono";
import type { CreateSessionResponse } from "../../protocol/api.ts";
import { createApp } from "../../token-server/src/app.ts";
import { systemClock } from "../../token-server/src/clock.ts";
import { loadConfig } from "../../token-server/src/config.ts";
import {
  type LimitOverrides,
  type RunningEmulator,
  startEmulator,
} from "../../token-server/src/emulator/index.ts";
import { createKvsClients } from "../../token-server/src/kvs/clients.ts";
import { createKvsBackend } from "../../token-server/src/kvs/create-backend.ts";
import { createPresigner } from "../../token-server/src/kvs/presign.ts";
import { createLogger } from "../../token-server/src/logger.ts";
import { createTokenService } from "../../token-server/src/tokens.ts";
import { viewerFilesFromDir } from "../../token-server/src/viewer-files.ts";
import { createTutorialBackend } from "../baselines/tutorial-backend.ts";

const VIEWER_DIST = fileURLToPath(new URL("../../token-server/viewer/dist", import.meta.url));

export interface Stack {
  emulator: RunningEmulator;
  beamUrl: string;
  baselineUrl: string;
  /** `POST /api/sessions` on Beam, as the extension does. */
  createSession(): Promise<CreateSessionResponse>;
  close(): Promise<void>;
}

export interface StackOptions {
  /** Emulator quota overrides; throughput runs lift them so the baseline is measured at its best. */
  limits?: LimitOverrides;
}

/** Listens on an ephemeral loopback port; the app is built once the URL (its public URL) is known. */
async function listen(build: (url: string) => Hono): Promise<{ url: string; server: Server }> {
  let app: Hono | undefined;
  const server = createAdaptorServer({
    // Forwards the adapter's env ({ incoming, outgoing }) as `serve({ fetch: app.fetch })` in main.ts does.
    fetch: (request: Request, env: unknown) =>
      app ? app.fetch(request, env) : new Response("starting", { status: 503 }),
  }) as Server;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app = build(url);
  return { url, server };
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), "beam-bench-"));
  const base = loadConfig(
    { TOKEN_SECRET: randomBytes(32).toString("base64url"), BEAM_DATA_DIR: dataDir, BEAM_KVS: "emulator" },
    { repoRoot: dataDir },
  );
  const credentials = {
    accessKeyId: `AKIA${randomBytes(8).toString("hex").toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString("base64url"),
  };
  const emulator = await startEmulator({
    credentials,
    region: base.kvs.region,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const connection = { region: emulator.region, endpoint: emulator.endpoint, credentials };
  const clock = systemClock;
  const tokens = createTokenService({ secrets: base.tokenSecrets, clock });
  const viewerFiles = viewerFilesFromDir(VIEWER_DIST);

  const kvs = createKvsBackend({
    mode: "emulator",
    connection,
    channelPrefix: base.channelPrefix,
    presignExpiresSeconds: base.presignExpiresSeconds,
    clock,
  });
  const beam = await listen((url) =>
    createApp({
      // No `abuse` limits: per-address rate limits would cap the load generator (one address) and
      // measure the limiter, not the server. Production config turns them on.
      config: { apiKey: undefined, publicUrl: url, sessionTtlSeconds: base.sessionTtlSeconds },
      kvs: kvs.backend,
      tokens,
      clock,
      logger: createLogger({ level: "error" }),
      viewerFiles,
    }),
  );

  const baselineClients = createKvsClients(connection);
  const baseline = await listen(() =>
    createTutorialBackend({
      clients: baselineClients,
      presign: createPresigner({
        region: emulator.region,
        credentials: baselineClients.credentials,
        expiresSeconds: base.presignExpiresSeconds,
        clock,
      }),
      tokens,
      channelPrefix: base.channelPrefix,
      region: emulator.region,
      viewerFiles,
    }),
  );

  return {
    emulator,
    beamUrl: beam.url,
    baselineUrl: baseline.url,
    async createSession() {
      const response = await fetch(`${beam.url}/api/sessions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ source: "camera", title: "bench" }),
      });
      if (response.status !== 201)
        throw new Error(`POST /api/sessions: ${response.status} ${await response.text()}`);
      return (await response.json()) as CreateSessionResponse;
    },
    async close() {
      for (const { server } of [beam, baseline]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      kvs.close();
      baselineClients.destroy();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The viewer link of a Beam session, pointed at another server (the baseline) with the same path and token. */
export function linkOn(serverUrl: string, viewerUrl: string): string {
  const link = new URL(viewerUrl);
  return `${serverUrl}${link.pathname}${link.hash}`;
}

/** `{ token }` body and path of a viewer join for a session, for load generators. */
export function joinRequest(session: CreateSessionResponse): { path: string; body: string } {
  const link = new URL(session.viewerUrl);
  return {
    path: `/api/sessions/${session.sessionId}/viewers`,
    body: JSON.stringify({ token: link.hash.slice(1) }),
  };
}
