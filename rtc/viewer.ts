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
  "clientId" | "signedUrl" | "iceServers" | "channelArn" | "region" | "iceTransportPolicy" | "connectDelayMs"
>;

/**
 * Why an attempt ended. `unanswered`: the signaling socket opened but the sharer sent no answer, the
 * sign of a sharer that is gone. `refused`: the socket never opened; KVS fails the upgrade of a viewer
 * connect over its rate (3 a second per channel), so a crowd sees this and retries. `dropped`: the rest.
 */
export type ConnectionLoss = "dropped" | "unanswered" | "refused";

export interface ViewerConnectionHandlers {
  /** The peer connection of this attempt, once created (after the signaling socket is). */
  peer?: (pc: RTCPeerConnection) => void;
  /** The remote stream; its tracks arrive one by one, so the same stream is handed over again. */
  stream: (stream: MediaStream) => void;
  /** The peer connection, a track, the data channel or signaling went away, or it never connected in time. */
  lost: (reason: string, loss: ConnectionLoss) => void;
  /** Messages from the sharer on the data channel. */
  messages: PeerMessageHandlers;
  /** Join timeline marks, each reported once per connection, with `performance.now()` when reached. */
  phase?: (phase: ViewerPhase, at: number) => void;
}

export type ViewerPhase = "signaling" | "answer" | "ice";

export interface ViewerConnection {
  close(): void;
}

/**
 * The window of each step of an attempt: the socket's open (after its connect slot), then the
 * answer (without one, the sharer is not there: KVS drops offers nobody receives), then ICE and DTLS.
 */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The signaling socket is opened first and the peer connection built in the next task: the first
 * RTCPeerConnection of a page starts the browser's WebRTC engine, which costs tens of ms that now
 * overlap the socket's handshake. The offer is made meanwhile and goes out the moment the socket
 * opens; candidates trickle after it (nothing waits for ICE gathering).
 */
export function connectViewer(
  credentials: ViewerCredentials,
  handlers: ViewerConnectionHandlers,
  connectTimeoutMs = CONNECT_TIMEOUT_MS,
): ViewerConnection {
  let closed = false;
  let opened = false;
  let answered = false;
  let pc: RTCPeerConnection | undefined;
  let offer: RTCSessionDescriptionInit | undefined;
  let offerSent = false;
  const early: RTCIceCandidate[] = [];
  const slotDelay = credentials.connectDelayMs ?? 0;
  let slot: ReturnType<typeof setTimeout> | undefined;
  const expire = () => {
    if (!opened) lose("signaling did not open");
    else if (!answered) lose("no answer from the sharer", "unanswered");
    else lose("no connection to the sharer");
  };
  let timer = setTimeout(expire, slotDelay + connectTimeoutMs);
  // Each step that shows progress (the socket open, the answer) gives the next one a full window:
  // on a loaded machine one step alone can take seconds, and a retry only adds to the load.
  const progressed = () => {
    clearTimeout(timer);
    timer = setTimeout(expire, connectTimeoutMs);
  };
  const connected = () => pc?.connectionState === "connected";

  const lose = (reason: string, loss: ConnectionLoss = "dropped") => {
    if (closed) return;
    close();
    handlers.lost(reason, loss);
  };

  /** Sends the offer once both it and the socket are ready, then the candidates found meanwhile. */
  const flush = () => {
    if (closed || !opened || !offer || offerSent) return;
    signaling.sendOffer(offer);
    offerSent = true;
    for (const candidate of early.splice(0)) signaling.sendCandidate(candidate);
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
        opened = true;
        progressed();
        handlers.phase?.("signaling", performance.now());
        flush();
      },
      answer: (answer) => {
        // An answer to this viewer's previous attempt (same client id, the sharer was slow) can
        // arrive before this attempt's offer is out: it is not ours, and ours is still to come.
        if (answered || pc?.signalingState !== "have-local-offer" || !offerSent) return;
        answered = true;
        handlers.phase?.("answer", performance.now());
        progressed();
        pc.setRemoteDescription(answer).catch((error) => lose(`bad answer: ${String(error)}`));
      },
      // Queued behind the answer on the peer connection. A candidate the browser cannot use is not
      // fatal; ICE goes on with the others.
      candidate: (candidate) => void pc?.addIceCandidate(candidate).catch(() => {}),
      // Once media flows the viewer needs no signaling (media outlives a dropped socket).
      close: () => {
        if (!connected()) lose("signaling closed", opened ? "dropped" : "refused");
      },
      error: (error) => {
        if (!connected()) lose(`signaling failed: ${String(error)}`, opened ? "dropped" : "refused");
      },
    },
  );

  const startPeer = () => {
    if (closed) return;
    const peer = createViewerPeer(credentials, handlers, lose, () => clearTimeout(timer));
    pc = peer;
    handlers.peer?.(peer);
    peer.onicecandidate = ({ candidate }) => {
      if (!candidate || closed) return;
      if (offerSent) signaling.sendCandidate(candidate);
      else early.push(candidate);
    };
    peer
      .createOffer()
      .then(async (description) => {
        await peer.setLocalDescription(description);
        offer = description;
        flush();
      })
      .catch((error) => lose(`offer failed: ${String(error)}`));
  };

  function close() {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    clearTimeout(slot);
    signaling.close();
    pc?.close();
  }

  // The SDK creates its WebSocket a few microtasks after open(); the peer waits for the next task.
  // In a crowd the server gives each viewer a connect slot: the peer and its offer are made while
  // the socket waits for it.
  if (slotDelay > 0) slot = setTimeout(() => signaling.open(), slotDelay);
  else signaling.open();
  setTimeout(startPeer, 0);
  return { close };
}

/** A receive-only peer connection with the Beam data channel, reporting to the handlers. */
function createViewerPeer(
  credentials: ViewerCredentials,
  handlers: ViewerConnectionHandlers,
  lose: (reason: string) => void,
  connected: () => void,
): RTCPeerConnection {
  const pc = new RTCPeerConnection({
    iceServers: credentials.iceServers,
    iceTransportPolicy: credentials.iceTransportPolicy ?? "all",
  });
  const stream = new MediaStream();
  pc.addTransceiver("video", { direction: "recvonly" });
  pc.addTransceiver("audio", { direction: "recvonly" });
  applyCodecPreferences(pc);

  const channel = pc.createDataChannel(PEER_CHANNEL.label, { negotiated: true, id: PEER_CHANNEL.id });
  channel.onmessage = (event) => {
    const message = parsePeerMessage(event.data);
    if (message && pc.signalingState !== "closed") dispatchPeerMessage(message, handlers.messages);
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
      connected();
      handlers.phase?.("ice", performance.now());
    }
    if (state === "disconnected" || state === "failed" || state === "closed") lose(`connection ${state}`);
  };
  return pc;
}
