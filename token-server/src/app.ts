import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { BeamError } from "../../protocol/errors.ts";
import type { Clock } from "./clock.ts";
import type { Config } from "./config.ts";
import { requireApiKey } from "./http/auth.ts";
import { corsForBeam } from "./http/cors.ts";
import { handleError, handleNotFound } from "./http/errors.ts";
import { requestLog } from "./http/request-log.ts";
import type { KvsBackend } from "./kvs/port.ts";
import type { Logger } from "./logger.ts";
import { createSessionRoute } from "./routes/create-session.ts";
import { endSessionRoute } from "./routes/end-session.ts";
import { healthRoute } from "./routes/health.ts";
import { joinViewerRoute } from "./routes/join-viewer.ts";
import { masterCredentialsRoute } from "./routes/master-credentials.ts";
import { viewerPageRoutes } from "./routes/viewer-page.ts";
import { createSessionService } from "./sessions.ts";
import type { TokenService } from "./tokens.ts";
import type { ViewerFiles } from "./viewer-files.ts";

export interface AppDeps {
  config: Pick<Config, "apiKey" | "publicUrl" | "sessionTtlSeconds"> &
    Partial<Pick<Config, "iceTransportPolicy">>;
  kvs: KvsBackend;
  tokens: TokenService;
  clock: Clock;
  logger: Logger;
  viewerFiles: ViewerFiles;
}

export const MAX_BODY_BYTES = 16 * 1024;

/** The whole HTTP API as a Hono app. It never listens: `main.ts` (or a test) adapts it to a runtime. */
export function createApp(deps: AppDeps): Hono {
  const { config } = deps;
  const sessions = createSessionService({
    kvs: deps.kvs,
    tokens: deps.tokens,
    clock: deps.clock,
    publicUrl: config.publicUrl,
    sessionTtlSeconds: config.sessionTtlSeconds,
    iceTransportPolicy: config.iceTransportPolicy ?? "all",
  });
  const app = new Hono();

  app.use(requestLog(deps.logger, deps.clock));
  app.use("/api/*", corsForBeam(config.publicUrl));
  app.use("/healthz", corsForBeam(config.publicUrl));
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new BeamError("payload_too_large", `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
      },
    }),
  );

  app.get("/healthz", healthRoute(deps.kvs));
  app.post("/api/sessions", requireApiKey(config.apiKey), createSessionRoute(sessions));
  app.post("/api/sessions/:id/master", masterCredentialsRoute(sessions));
  app.post("/api/sessions/:id/viewers", joinViewerRoute(sessions));
  app.delete("/api/sessions/:id", endSessionRoute(sessions));
  app.route("/", viewerPageRoutes(deps.viewerFiles));

  app.onError(handleError(deps.logger));
  app.notFound(handleNotFound);
  return app;
}
