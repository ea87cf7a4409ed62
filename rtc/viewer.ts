/**
 * One viewer connection attempt: signaling as VIEWER, a receive-only peer connection, the Beam data
 * channel. It reports what happens and never retries; the viewer page's controller decides that
 * with fresh credentials from the server.
 */
import type { ViewerJoinResponse } from "../protocol/api";
import {
  dispatchPeerMessage,
  PEER_CHANNEL,
  type PeerMessageHandlers,
  parsePeerMessage,
} from "../protocol/peer-messages";
import { applyCodecPreferences } from "./codecs";
import { createSignalingChannel } from "./signaling-channel";

export type ViewerCredentials = Pick<
  ViewerJoinResponse,
  "clientId" | "signedUrl" | "iceServers" | "channelArn" | "region" | "iceTransportPolicy"
>;

export interface ViewerConnectionHandlers {
  /** The remote stream; its tracks arrive one by one, so the same stream is handed over again. */
  stream: (stream: MediaStream) => void;
  /**
   * The peer connection, a track or the data channel went away, or it never connected in time.
   * `unanswered`: the sharer sent no answer at all, the sign of a sharer that is gone.
   */
  lost: (reason: string, unanswered: boolean) => void;
  /** Messages from the sharer on the data channel. */
  messages: PeerMessageHandlers;
  /** Join timeline marks, each reported once per connection. */
  phase?: (phase: ViewerPhase) => void;
}

export type ViewerPhase = "signaling" | "answer" | "ice";

export interface ViewerConnection {
  readonly pc: RTCPeerConnection;
  close(): void;
}

/** Without an answer and ICE by then, the sharer is not there (KVS drops offers nobody receives). */
export const CONNECT_TIMEOUT_MS = 10_000;

export function connectViewer(
  credentials: ViewerCredentials,
  handlers: ViewerConnectionHandlers,
  connectTimeoutMs = CONNECT_TIMEOUT_MS,
): ViewerConnection {
  let closed = false;
  let answered = false;
  const pc = new RTCPeerConnection({
    iceServers: credentials.iceServers,
    iceTransportPolicy: credentials.iceTransportPolicy ?? "all",
  });
  const stream = new MediaStream();
  const timer = setTimeout(
    () => lose(answered ? "no connection to the sharer" : "no answer from the sharer", !answered),
    connectTimeoutMs,
  );

  const lose = (reason: string, unanswered = false) => {
    if (closed) return;
    close();
    handlers.lost(reason, unanswered);
  };

  pc.addTransceiver("video", { direction: "recvonly" });
  pc.addTransceiver("audio", { direction: "recvonly" });
  applyCodecPreferences(pc);

  const channel = pc.createDataChannel(PEER_CHANNEL.label, { negotiated: true, id: PEER_CHANNEL.id });
  channel.onmessage = (event) => {
    const message = parsePeerMessage(event.data);
    if (message && !closed) dispatchPeerMessage(message, handlers.messages);
  };
  // A closing remote peer aborts SCTP at once: the fastest sign that the sharer is gone.
  channel.onclose = () => lose("data channel closed");

  pc.ontrack = (event) => {
    stream.addTrack(event.track);
    event.track.onended = () => lose(`${event.track.kind} track ended`);
    handlers.stream(stream);
  };
  pc.onconnectionstatechange = () => {
    const state = pc.connectionState;
    if (state === "connected") {
      clearTimeout(timer);
      handlers.phase?.("ice");
    }
    if (state === "disconnected" || state === "failed" || state === "closed") lose(`connection ${state}`);
  };

  const signaling = createSignalingChannel(
    {
      role: "VIEWER",
      channelArn: credentials.channelArn,
      region: credentials.region,
      clientId: credentials.clientId,
      signedUrl: async () => credentials.signedUrl,
    },
    {
      open: () => {
        handlers.phase?.("signaling");
        offer
          .then((description) => {
            if (closed) return;
            signaling.sendOffer(description);
            offerSent = true;
            for (const candidate of early.splice(0)) signaling.sendCandidate(candidate);
          })
          .catch((error) => lose(`offer failed: ${String(error)}`));
      },
      answer: (answer) => {
        answered = true;
        handlers.phase?.("answer");
        void pc.setRemoteDescription(answer).catch((error) => lose(`bad answer: ${String(error)}`));
      },
      // A candidate the browser cannot use is not fatal; ICE goes on with the others.
      candidate: (candidate) => void pc.addIceCandidate(candidate).catch(() => {}),
      // Once media flows the viewer needs no signaling (media outlives a dropped socket).
      close: () => {
        if (pc.connectionState !== "connected") lose("signaling closed");
      },
      error: (error) => {
        if (pc.connectionState !== "connected") lose(`signaling failed: ${String(error)}`);
      },
    },
  );

  // The offer and ICE gathering start while the signaling socket opens, not after; candidates
  // found before the offer has gone out wait here.
  let offerSent = false;
  const early: RTCIceCandidate[] = [];
  pc.onicecandidate = ({ candidate }) => {
    if (!candidate || closed) return;
    if (offerSent) signaling.sendCandidate(candidate);
    else early.push(candidate);
  };
  const offer = pc.createOffer().then(async (description) => {
    await pc.setLocalDescription(description);
    return description;
  });
  // Its failure is handled where the offer is sent (lose); this only keeps an early rejection from
  // counting as unhandled while the socket opens.
  offer.catch(() => {});

  function close() {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    signaling.close();
    pc.close();
  }

  signaling.open();
  return { pc, close };
}
