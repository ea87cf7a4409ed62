/**
 * AWS Lambda entry point (API Gateway HTTP API, payload v2): the same `createApp` as `main.ts`,
 * adapted by `hono/aws-lambda`. Stateless: tokens are signed with TOKEN_SECRET and channels are found
 * in KVS by name, so any instance serves any session.
 */
import { fileURLToPath } from "node:url";
import { handle } from "hono/aws-lambda";
import { createApp } from "./app.ts";
import { systemClock } from "./clock.ts";
import { ANY_WEBSOCKET, signalingSources } from "./http/security-headers.ts";
import { createKvsBackend } from "./kvs/create-backend.ts";
import { loadLambdaConfig } from "./lambda-config.ts";
import { createLogger } from "./logger.ts";
import { createTokenService } from "./tokens.ts";
import { viewerFilesFromDir } from "./viewer-files.ts";

type Handler = ReturnType<typeof handle>;

/** Builds the handler from `env`; throws a `ConfigError` listing every problem. */
export function createLambdaHandler(env: NodeJS.ProcessEnv): Handler {
  const { config, kvsEndpoint, viewerDir } = loadLambdaConfig(env);
  const region = config.kvs.region;
  const clock = systemClock;
  const logger = createLogger({ level: config.logLevel, secrets: [config.apiKey, ...config.tokenSecrets] });
  const kvs = createKvsBackend({
    mode: "aws",
    // Credentials: the SDK's default chain (in Lambda, the function role's).
    connection: kvsEndpoint ? { region, endpoint: kvsEndpoint, signalingEndpoint: kvsEndpoint } : { region },
    channelPrefix: config.channelPrefix,
    presignExpiresSeconds: config.presignExpiresSeconds,
    clock,
  });
  const app = createApp({
    config: {
      ...config,
      // Per-instance counters would not add up across instances: throttle in API Gateway instead.
      // The session cap stays; it counts channels in KVS.
      abuse: {
        ...config.abuse,
        sessionsPerMinute: 0,
        joinsPerMinute: 0,
        sharerPerMinute: 0,
        viewersPerSession: 0,
      },
      signalingSources: kvsEndpoint ? ANY_WEBSOCKET : signalingSources({ mode: "aws", region }),
    },
    kvs: kvs.backend,
    tokens: createTokenService({ secrets: config.tokenSecrets, clock }),
    clock,
    logger,
    viewerFiles: viewerFilesFromDir(viewerDir ?? fileURLToPath(new URL("../viewer/dist", import.meta.url))),
  });
  return handle(app);
}

let instance: Handler | undefined;

/** What Lambda calls; the app is built on the first event and reused while the instance lives. */
export const handler: Handler = (event, context) => {
  instance ??= createLambdaHandler(process.env);
  return instance(event, context);
};
