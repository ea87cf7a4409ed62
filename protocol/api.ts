/**
 * The token server's HTTP contract: request schemas (validated by the server) and response types
 * (used by the extension and the viewer page). Import types with `import type` in browser code so
 * the schema library stays out of the viewer bundle.
 */
import { z } from "zod";

export const SOURCES = ["tab", "camera", "screen"] as const;
export type Source = (typeof SOURCES)[number];

export const createSessionRequest = z.strictObject({
  source: z.enum(SOURCES),
  title: z.string().trim().min(1).max(120).optional(),
});
export type CreateSessionRequest = z.infer<typeof createSessionRequest>;

/** Per-browser viewer id, kept by the viewer page so that the server can bind credentials to it. */
export const viewerIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const viewerJoinRequest = z.strictObject({
  token: z.string().min(1).max(2048),
  viewerId: viewerIdSchema.optional(),
});
export type ViewerJoinRequest = z.infer<typeof viewerJoinRequest>;

/** `POST /api/sessions/:id/removals` (Bearer master token): the server refuses this viewer from now on. */
export const removeViewerRequest = z.strictObject({
  clientId: z.string().regex(/^viewer-[A-Za-z0-9_-]{8,64}$/),
});
export type RemoveViewerRequest = z.infer<typeof removeViewerRequest>;

/** `POST /api/sessions/:id/link` (Bearer master token): a new viewer link; the old one stops admitting. */
export interface NewLinkResponse {
  viewerUrl: string;
}

/** Shaped for `new RTCPeerConnection({ iceServers })`. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** `RTCConfiguration.iceTransportPolicy`: "relay" sends every packet through TURN. */
export type IceTransportPolicy = "all" | "relay";

/** What a peer needs to open its signaling WebSocket: a presigned URL and ICE servers. */
export interface SignalingCredentials {
  signedUrl: string;
  iceServers: IceServer[];
  /** Set by the server's ICE_TRANSPORT_POLICY; absent means "all". Both peers apply it. */
  iceTransportPolicy?: IceTransportPolicy;
}

export interface CreateSessionResponse {
  sessionId: string;
  region: string;
  channelArn: string;
  /** ISO 8601. */
  expiresAt: string;
  masterToken: string;
  viewerUrl: string;
  master: SignalingCredentials;
}

export type MasterCredentialsResponse = SignalingCredentials;

export interface ViewerJoinResponse extends SignalingCredentials {
  clientId: string;
  region: string;
  channelArn: string;
  source: Source;
  title?: string;
  /** ISO 8601. */
  expiresAt: string;
  /**
   * Wait this long before opening the signaling socket: the server spaces a crowd's connects at the
   * rate KVS takes them (3 a second per channel). Absent: connect at once.
   */
  connectDelayMs?: number;
}

export interface HealthResponse {
  ok: true;
  kvs: "emulator" | "aws";
  region: string;
}
