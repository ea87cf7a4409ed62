/**
 * AWS Lambda entry point (API Gateway HTTP API, payload v2): the same server as `main.ts` (server.ts),
 * adapted by `hono/aws-lambda`. Stateless: tokens are signed with TOKEN_SECRET and channels are found
 * in KVS by name, so any instance serves any session.
 */
import { handle } from "hono/aws-lambda";
import { loadLambdaConfig } from "./lambda-config.ts";
import { buildServer } from "./server.ts";
import { viewerFilesFromDir } from "./viewer-files.ts";

type Handler = ReturnType<typeof handle>;

/** Builds the handler from `env`; throws a `ConfigError` listing every problem. */
export function createLambdaHandler(env: NodeJS.ProcessEnv): Handler {
  const { config, kvsEndpoint, viewerDir } = loadLambdaConfig(env);
  // AWS mode: nothing is started, so the server is ready by the first event; credentials come
  // from the SDK's default chain (in Lambda, the function role's).
  const server = buildServer(
    {
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
    },
    {
      ...(kvsEndpoint ? { kvsEndpoint } : {}),
      ...(viewerDir ? { viewerFiles: viewerFilesFromDir(viewerDir) } : {}),
    },
  ).then((built) => handle(built.app));
  // A failed build is reported by every event that awaits it, not as an unhandled rejection before.
  server.catch(() => {});
  return async (event, context) => (await server)(event, context);
}

let instance: Handler | undefined;

/** What Lambda calls; the app is built on the first event and reused while the instance lives. */
export const handler: Handler = (event, context) => {
  instance ??= createLambdaHandler(process.env);
  return instance(event, context);
};
