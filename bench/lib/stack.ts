import type { CreateSessionResponse } from "../../protocol/api.ts";
import { systemClock } from "../../token-server/src/clock.ts";
import type { LimitOverrides, RunningEmulator } from "../../token-server/src/emulator/index.ts";
import { createKvsClients } from "../../token-server/src/kvs/clients.ts";
import { createPresigner } from "../../token-server/src/kvs/presign.ts";
import { createLogger } from "../../token-server/src/logger.ts";
import { VIEWER_DIST } from "../../token-server/src/server.ts";
import { startBeamServer } from "../../token-server/src/testing/beam-server.ts";
import { startEmulatorStack } from "../../token-server/src/testing/emulator-stack.ts";
import { listenLazily } from "../../token-server/src/testing/listen-lazily.ts";
import { createTokenService } from "../../token-server/src/tokens.ts";
import { viewerFilesFromDir } from "../../token-server/src/viewer-files.ts";
import { createTutorialBackend } from "../baselines/tutorial-backend.ts";

/** A trivial page served by Beam's own listener: the navigation floor opens it from the same server. */
export const BLANK_PATH = "/bench/blank";
const BLANK_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body><p>floor</p></body></html>';

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

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const stack = await startEmulatorStack(options.limits ? { limits: options.limits } : {});
  const { emulator, connection, defaults: base } = stack;
  const clock = systemClock;
  const viewerFiles = viewerFilesFromDir(VIEWER_DIST);
  // Beam as buildServer makes it with the default settings, but without abuse limits: per-address
  // rate limits would cap the load generator (one address) and measure the limiter, not the server.
  const beam = await startBeamServer(emulator, {
    credentials: stack.credentials,
    tokenSecret: base.tokenSecrets[0] as string,
    sessionTtlSeconds: base.sessionTtlSeconds,
    presignExpiresSeconds: base.presignExpiresSeconds,
    logger: createLogger({ level: "error" }),
    viewerFiles,
  });
  // Bench only: the blank page, on Beam's app before its first request builds the router.
  beam.app.get(BLANK_PATH, (c) => c.html(BLANK_HTML));

  const baselineClients = createKvsClients(connection);
  const baseline = await listenLazily(0);
  baseline.serve(
    createTutorialBackend({
      clients: baselineClients,
      presign: createPresigner({
        region: emulator.region,
        credentials: baselineClients.credentials,
        expiresSeconds: base.presignExpiresSeconds,
        clock,
      }),
      // Verifies Beam's viewer tokens: links are replayed against the baseline.
      tokens: createTokenService({ secrets: base.tokenSecrets, clock }),
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
      await beam.close();
      await baseline.close();
      baselineClients.destroy();
      await stack.close();
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
