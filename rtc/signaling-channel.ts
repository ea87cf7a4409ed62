/**
 * The one place that touches the official `SignalingClient`: typed callbacks in, base64 and untyped
 * payloads stay inside. The URL is presigned by the token server, so the request signer only hands
 * it over; every re-open asks for a fresh one because presigned URLs expire within minutes.
 */
import { Role, SignalingClient } from "amazon-kinesis-video-streams-webrtc";

export type SignalingRole = "MASTER" | "VIEWER";

export interface SignalingChannelOptions {
  role: SignalingRole;
  channelArn: string;
  region: string;
  /** Required for viewers (the server picks it and binds it into the presigned URL). */
  clientId?: string;
  /** Returns a presigned `ws(s)://` URL; called on every open. */
  signedUrl: () => Promise<string>;
}

export interface SignalingHandlers {
  open?: () => void;
  /**
   * KVS sent GO_AWAY: it will close this socket soon (after up to a minute). The SDK drops the
   * frame, so it is read off the raw socket; without it the later close still triggers a reconnect.
   */
  goAway?: () => void;
  /** The socket closed (by us, by the server, or after an error). */
  close?: () => void;
  error?: (error: unknown) => void;
  offer?: (offer: RTCSessionDescriptionInit, clientId: string) => void;
  answer?: (answer: RTCSessionDescriptionInit) => void;
  candidate?: (candidate: RTCIceCandidateInit, clientId: string | undefined) => void;
  status?: (status: {
    correlationId?: string;
    errorType?: string;
    statusCode?: string;
    description?: string;
  }) => void;
}

export interface SignalingChannel {
  open(): void;
  close(): void;
  sendOffer(offer: RTCSessionDescriptionInit): void;
  sendAnswer(answer: RTCSessionDescriptionInit, clientId: string): void;
  sendCandidate(candidate: RTCIceCandidate | RTCIceCandidateInit, clientId?: string): void;
  /** Forget buffered candidates of a client that is gone, so a rejoin with the same id starts clean. */
  forget(clientId: string): void;
}

export function createSignalingChannel(
  options: SignalingChannelOptions,
  handlers: SignalingHandlers,
): SignalingChannel {
  const client = new SignalingClient({
    role: options.role === "MASTER" ? Role.MASTER : Role.VIEWER,
    channelARN: options.channelArn,
    // The presigned URL already holds the endpoint; the SDK only passes this string to our signer.
    channelEndpoint: "wss://presigned.invalid",
    region: options.region,
    clientId: options.clientId,
    requestSigner: { getSignedURL: () => options.signedUrl() },
  });
  client.on("open", () => {
    watchGoAway(client, () => handlers.goAway?.());
    handlers.open?.();
  });
  client.on("close", () => handlers.close?.());
  client.on("error", (error: unknown) => handlers.error?.(error));
  client.on("sdpOffer", (offer: RTCSessionDescriptionInit, clientId: string) =>
    handlers.offer?.(offer, clientId),
  );
  client.on("sdpAnswer", (answer: RTCSessionDescriptionInit) => handlers.answer?.(answer));
  client.on("iceCandidate", (candidate: RTCIceCandidateInit, clientId?: string) =>
    handlers.candidate?.(candidate, clientId),
  );
  client.on("statusResponse", (status) => handlers.status?.(status));

  // The SDK serialises with JSON.stringify, which needs plain objects, not RTCSessionDescription instances.
  const description = (d: RTCSessionDescriptionInit) =>
    ({ type: d.type, sdp: d.sdp }) as RTCSessionDescription;
  const candidate = (c: RTCIceCandidate | RTCIceCandidateInit) =>
    ("toJSON" in c ? c.toJSON() : c) as RTCIceCandidate;

  return {
    open: () => client.open(),
    close: () => client.close(),
    sendOffer: (offer) => client.sendSdpOffer(description(offer)),
    sendAnswer: (answer, clientId) => client.sendSdpAnswer(description(answer), clientId),
    sendCandidate: (c, clientId) => client.sendIceCandidate(candidate(c), clientId),
    forget: (clientId) => client.resetIceCandidateState(clientId),
  };
}

/** The SDK 2.9 keeps its socket in `websocket`; if a later version renames it, GO_AWAY goes unseen. */
function watchGoAway(client: SignalingClient, goAway: () => void): void {
  const socket = (client as unknown as { websocket?: WebSocket | null }).websocket;
  socket?.addEventListener("message", ({ data }) => {
    if (typeof data === "string" && data.includes('"GO_AWAY"') && isGoAway(data)) goAway();
  });
}

function isGoAway(text: string): boolean {
  try {
    return (JSON.parse(text) as { messageType?: unknown }).messageType === "GO_AWAY";
  } catch {
    return false;
  }
}
