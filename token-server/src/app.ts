import { Hono } from "hono";
import { rateLimit } from "./abuse/rate-limit.ts";
import type { ViewerPresence } from "./abuse/viewer-presence.ts";
import { ViewerSeats } from "./abuse/viewer-seats.ts";
import { WindowLimiter } from "./abuse/window-limiter.ts";
import type { Clock } from "./clock.ts";
import type { AbuseLimits, Config } from "./config.ts";
import { requireApiKey } from "./http/auth.ts";
import { limitDeclaredBody } from "./http/body-limit.ts";
import { corsForBeam } from "./http/cors.ts";
import { handleError, handleNotFound } from "./http/errors.ts";
import { allowedHosts, requireAllowedHost } from "./http/host-check.ts";
import { requireAllowedOrigin } from "./http/origin-check.ts";
import { allowedOrigins } from "./http/origins.ts";
import { requestLog } from "./http/request-log.ts";
import { ANY_WEBSOCKET, baseSecurityHeaders, noStore } from "./http/security-headers.ts";
import { createConnectSlots } from "./kvs/connect-slots.ts";
import type { KvsBackend } from "./kvs/port.ts";
import type { Logger } from "./logger.ts";
import { createSessionRoute } from "./routes/create-session.ts";
import { endSessionRoute } from "./routes/end-session.ts";
import { healthRoute } from "./routes/health.ts";
import { joinViewerRoute } from "./routes/join-viewer.ts";
import { masterCredentialsRoute } from "./routes/master-credentials.ts";
import { newLinkRoute } from "./routes/new-link.ts";
import { removeViewerRoute } from "./routes/remove-viewer.ts";
import { viewerPageRoutes } from "./routes/viewer-page.ts";
import { createSessionService } from "./sessions.ts";
import type { TokenService } from "./tokens.ts";
import type { TurnUsers } from "./turn/turn-users.ts";
import type { ViewerFiles } from "./viewer-files.ts";

export type AppConfig = Pick<Config, "apiKey" | "publicUrl" | "sessionTtlSeconds"> &
  Partial<Pick<Config, "iceTransportPolicy" | "allowedOrigins" | "allowedHosts">> & {
    /** Rate limits, session cap and viewer limit; absent: none (embedders and tests opt in). */
    abuse?: AbuseLimits;
    /** The viewer page's CSP connect-src for signaling; absent: any ws:/wss: origin. */
    signalingSources?: readonly string[];
  };

export interface AppDeps {
  config: AppConfig;
  kvs: KvsBackend;
  tokens: TokenService;
  clock: Clock;
  logger: Logger;
  viewerFiles: ViewerFiles;
  /** TURN credentials per peer (emulator mode with a TURN secret); absent: as KVS returned them. */
  turnUsers?: TurnUsers;
  /** Who is connected (the embedded emulator sees it); absent: unknown, seats are only reservations. */
  viewerPresence?: ViewerPresence;
  /** Viewer connects a channel takes per second (KVS: 3); 0 or absent: no limit, so no spacing. */
  viewerConnectsPerSecond?: number;
}

/** The whole HTTP API as a Hono app. It never listens: `main.ts` (or a test) adapts it to a runtime. */
export function createApp(deps: AppDeps): Hono {
  const { config, clock, logger } = deps;
  const abuse = config.abuse;
  const sessions = createSessionService({
    kvs: deps.kvs,
    tokens: deps.tokens,
    clock,
    publicUrl: config.publicUrl,
    sessionTtlSeconds: config.sessionTtlSeconds,
    iceTransportPolicy: config.iceTransportPolicy ?? "all",
    ...(deps.turnUsers ? { turnUsers: deps.turnUsers } : {}),
    ...(deps.viewerPresence ? { viewerPresence: deps.viewerPresence } : {}),
    connectSlots: createConnectSlots({ perWindow: deps.viewerConnectsPerSecond ?? 0, clock }),
    ...(abuse ? { maxSessions: abuse.maxSessions } : {}),
    // 0 viewers per session is no limit: no seats to keep, so a join never lists who is connected.
    ...(abuse && abuse.viewersPerSession > 0
      ? {
          seats: new ViewerSeats({
            perSession: abuse.viewersPerSession,
            pendingMs: abuse.viewerSeatSeconds * 1000,
            clock,
          }),
        }
      : {}),
  });
  const perMinute = (limit: number, what: string) =>
    rateLimit({
      limiter: new WindowLimiter({ limit, windowMs: 60_000, clock }),
      trustProxyHops: abuse?.trustProxyHops ?? 0,
      what,
      logger,
    });
  const isAllowedOrigin = allowedOrigins(config.publicUrl, config.allowedOrigins);
  const app = new Hono();

  app.use(requestLog(logger, clock));
  app.use(baseSecurityHeaders());
  app.use(requireAllowedHost(allowedHosts(config.publicUrl, config.allowedHosts)));
  app.use("/api/*", noStore());
  app.use("/api/*", corsForBeam(isAllowedOrigin));
  app.use("/healthz", corsForBeam(isAllowedOrigin));
  app.use("/api/*", requireAllowedOrigin(isAllowedOrigin));
  app.use("/api/*", limitDeclaredBody());

  app.get("/healthz", healthRoute(deps.kvs));
  if (abuse && abuse.sessionsPerMinute > 0) {
    app.post("/api/sessions", perMinute(abuse.sessionsPerMinute, "new shares"));
  }
  if (abuse && abuse.joinsPerMinute > 0) {
    app.post("/api/sessions/:id/viewers", perMinute(abuse.joinsPerMinute, "viewer joins"));
  }
  if (abuse && abuse.sharerPerMinute > 0) {
    // One budget for every master-token request, counted before the token is checked.
    const sharer = perMinute(abuse.sharerPerMinute, "requests from sharers");
    for (const path of ["master", "link", "removals"]) app.post(`/api/sessions/:id/${path}`, sharer);
    app.delete("/api/sessions/:id", sharer);
  }
  app.post("/api/sessions", requireApiKey(config.apiKey), createSessionRoute(sessions));
  app.post("/api/sessions/:id/master", masterCredentialsRoute(sessions));
  app.post("/api/sessions/:id/viewers", joinViewerRoute(sessions));
  app.post("/api/sessions/:id/link", newLinkRoute(sessions));
  app.post("/api/sessions/:id/removals", removeViewerRoute(sessions));
  app.delete("/api/sessions/:id", endSessionRoute(sessions));
  app.route("/", viewerPageRoutes(deps.viewerFiles, config.signalingSources ?? ANY_WEBSOCKET));

  app.onError(handleError(logger));
  app.notFound(handleNotFound);
  return app;
}
