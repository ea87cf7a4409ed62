import type {
  CreateSessionRequest,
  CreateSessionResponse,
  IceTransportPolicy,
  MasterCredentialsResponse,
  NewLinkResponse,
  RemoveViewerRequest,
  ViewerJoinRequest,
  ViewerJoinResponse,
} from "../../protocol/api.ts";
import { BeamError } from "../../protocol/errors.ts";
import { buildViewerUrl, SESSION_ID_PATTERN } from "../../protocol/link.ts";
import type { ViewerPresence } from "./abuse/viewer-presence.ts";
import type { ViewerSeats } from "./abuse/viewer-seats.ts";
import type { Clock } from "./clock.ts";
import { newLinkId, newSessionId, viewerClientId } from "./ids.ts";
import { checkAdmission } from "./kvs/admission.ts";
import type { ConnectSlots } from "./kvs/connect-slots.ts";
import type { KvsBackend } from "./kvs/port.ts";
import { authorize, type TokenClaims, type TokenService } from "./tokens.ts";
import { masterTurnUser, sharedTurnUsers, type TurnUsers } from "./turn/turn-users.ts";

export interface SessionServiceDeps {
  kvs: KvsBackend;
  tokens: TokenService;
  clock: Clock;
  publicUrl: string;
  sessionTtlSeconds: number;
  /** Handed to both peers with their credentials; "all" is the browser default and is left out. */
  iceTransportPolicy?: IceTransportPolicy;
  /** Beam channels allowed at once; 0 or absent: no cap. */
  maxSessions?: number;
  /** Per-session viewer limit; absent: none. */
  seats?: ViewerSeats;
  /** Spaces viewers' signaling connects under KVS's per-channel rate; absent: no spacing. */
  connectSlots?: ConnectSlots;
  /** Signs each peer's TURN credentials for its own user; absent: the cached ones as they are. */
  turnUsers?: TurnUsers;
  /** Which viewers are connected, where the server can see it (embedded emulator). */
  viewerPresence?: ViewerPresence;
}

export interface SessionService {
  /** Throws unless `masterToken` is this session's master token: routes call it before reading a body. */
  authorizeMaster(sessionId: string, masterToken: string): void;
  create(request: CreateSessionRequest): Promise<CreateSessionResponse>;
  masterCredentials(sessionId: string, masterToken: string): Promise<MasterCredentialsResponse>;
  joinViewer(sessionId: string, request: ViewerJoinRequest): Promise<ViewerJoinResponse>;
  end(sessionId: string, masterToken: string): Promise<void>;
  /** A new viewer link: the old one stops admitting; viewers already connected are not touched. */
  newLink(sessionId: string, masterToken: string): Promise<NewLinkResponse>;
  removeViewer(sessionId: string, masterToken: string, request: RemoveViewerRequest): Promise<void>;
}

/**
 * The session use cases. Stateless: a session is its KVS channel plus the tokens handed out, so
 * any instance holding the same token secret can serve it. Token checks come first (401, then
 * 403), so nothing about a session leaks to someone without a valid token for it.
 */
export function createSessionService(deps: SessionServiceDeps): SessionService {
  const { kvs, tokens } = deps;
  const policy = deps.iceTransportPolicy === "relay" ? { iceTransportPolicy: "relay" as const } : {};
  const turnUsers = deps.turnUsers ?? sharedTurnUsers;

  function checkToken(sessionId: string, token: string, role: "master" | "viewer") {
    if (!SESSION_ID_PATTERN.test(sessionId)) throw new BeamError("not_found", "There is no such session.");
    const claims = tokens.verify(token);
    authorize(claims, sessionId, role);
    return claims;
  }

  /** The master token carries what a viewer link shows, so a new link needs no lookup either. */
  const viewerUrl = (claims: Pick<TokenClaims, "sid" | "exp" | "src" | "title">, lid: string) =>
    buildViewerUrl(
      deps.publicUrl,
      claims.sid,
      tokens.sign({
        sid: claims.sid,
        role: "viewer",
        exp: claims.exp,
        src: claims.src,
        title: claims.title,
        lid,
      }),
    );

  return {
    authorizeMaster(sessionId, masterToken) {
      checkToken(sessionId, masterToken, "master");
    },

    async create(request) {
      const max = deps.maxSessions ?? 0;
      if (max > 0 && (await kvs.countSessionChannels(max)) >= max) {
        throw new BeamError(
          "too_many_sessions",
          `This server already runs its maximum of ${max} shares. Try again when one has ended.`,
        );
      }
      const sessionId = newSessionId();
      const linkId = newLinkId();
      const exp = Math.floor(deps.clock.now() / 1000) + deps.sessionTtlSeconds;
      const { channelArn } = await kvs.createSessionChannel({
        sessionId,
        source: request.source,
        expiresAt: exp,
        linkId,
      });
      const master = await kvs.masterCredentials(sessionId);
      const shown = { sid: sessionId, exp, src: request.source, title: request.title };
      return {
        sessionId,
        region: kvs.region,
        channelArn,
        expiresAt: new Date(exp * 1000).toISOString(),
        masterToken: tokens.sign({ ...shown, role: "master" }),
        viewerUrl: viewerUrl(shown, linkId),
        master: {
          signedUrl: master.signedUrl,
          iceServers: turnUsers(master.iceServers, masterTurnUser(sessionId)),
          ...policy,
        },
      };
    },

    async masterCredentials(sessionId, masterToken) {
      checkToken(sessionId, masterToken, "master");
      const { signedUrl, iceServers } = await kvs.masterCredentials(sessionId);
      return { signedUrl, iceServers: turnUsers(iceServers, masterTurnUser(sessionId)), ...policy };
    },

    async joinViewer(sessionId, request) {
      const claims = checkToken(sessionId, request.token, "viewer");
      const clientId = viewerClientId(sessionId, request.viewerId);
      // Refused viewers (removed, or on a replaced link) take no seat and get no credentials.
      const admission = await kvs.admission(sessionId);
      checkAdmission(admission, claims.lid, clientId);
      if (deps.seats) {
        // Only asked when seats count: it lists the channel's connected viewers.
        const connected = deps.viewerPresence?.(sessionId);
        const seat = { linkId: admission.linkId, removed: admission.removed, connected };
        if (!deps.seats.take(sessionId, clientId, seat)) {
          throw new BeamError("session_full", "This share already has as many viewers as it can take.");
        }
      }
      const credentials = await kvs.viewerCredentials(sessionId, clientId);
      const connectDelayMs = deps.connectSlots?.reserve(sessionId) ?? 0;
      return {
        clientId,
        signedUrl: credentials.signedUrl,
        iceServers: turnUsers(credentials.iceServers, clientId),
        ...policy,
        region: kvs.region,
        channelArn: credentials.channelArn,
        source: claims.src ?? "tab",
        ...(claims.title !== undefined ? { title: claims.title } : {}),
        expiresAt: new Date(claims.exp * 1000).toISOString(),
        ...(connectDelayMs > 0 ? { connectDelayMs } : {}),
      };
    },

    async end(sessionId, masterToken) {
      checkToken(sessionId, masterToken, "master");
      await kvs.deleteChannel(sessionId);
      deps.seats?.release(sessionId);
    },

    async newLink(sessionId, masterToken) {
      const claims = checkToken(sessionId, masterToken, "master");
      const linkId = newLinkId();
      await kvs.replaceLink(sessionId, linkId);
      return { viewerUrl: viewerUrl(claims, linkId) };
    },

    async removeViewer(sessionId, masterToken, request) {
      checkToken(sessionId, masterToken, "master");
      await kvs.removeViewer(sessionId, request.clientId);
    },
  };
}
