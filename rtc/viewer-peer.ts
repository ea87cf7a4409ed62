/**
 * The master's side of one viewer: a peer connection that answers the viewer's offer with the
 * shared stream's tracks, trickles ICE both ways and caps the video sender.
 */
import type { IceServer, IceTransportPolicy } from "../protocol/api.ts";
import { encodePeerMessage, PEER_CHANNEL, type PeerMessage } from "../protocol/peer-messages.ts";
import { applyCodecPreferences } from "./codecs.ts";

export interface ViewerPeerOptions {
  clientId: string;
  offer: RTCSessionDescriptionInit;
  stream: MediaStream;
  iceServers: IceServer[];
  iceTransportPolicy: IceTransportPolicy;
  send: { maxBitrateKbps: number; maxFramerate: number };
  sendAnswer: (answer: RTCSessionDescriptionInit) => void;
  sendCandidate: (candidate: RTCIceCandidate) => void;
  onStateChange: (state: RTCPeerConnectionState) => void;
}

export interface ViewerPeer {
  readonly clientId: string;
  readonly joinedAt: number;
  readonly connection: RTCPeerConnection;
  addCandidate(candidate: RTCIceCandidateInit): void;
  /** Sends on the Beam data channel; resolves once it has left the buffer (or could not be sent). */
  send(message: PeerMessage): Promise<void>;
  close(): void;
}

export function answerViewer(options: ViewerPeerOptions): ViewerPeer {
  const pc = new RTCPeerConnection({
    iceServers: options.iceServers,
    iceTransportPolicy: options.iceTransportPolicy,
  });
  // Candidates can arrive before the remote description is set; they wait here until it is.
  let pending: RTCIceCandidateInit[] | null = [];

  pc.addEventListener("icecandidate", ({ candidate }) => {
    if (candidate?.candidate) options.sendCandidate(candidate);
  });
  pc.addEventListener("connectionstatechange", () => options.onStateChange(pc.connectionState));
  // Negotiated on both sides with a fixed id, so it needs no extra signaling round.
  const channel = pc.createDataChannel(PEER_CHANNEL.label, { negotiated: true, id: PEER_CHANNEL.id });
  // A viewer that closes its page closes the channel at once, long before ICE notices: count it gone.
  channel.addEventListener("close", () => {
    if (pc.connectionState === "connected") options.onStateChange("closed");
  });
  for (const track of options.stream.getTracks()) pc.addTrack(track, options.stream);

  const negotiate = async () => {
    await pc.setRemoteDescription(options.offer);
    for (const candidate of pending ?? []) await pc.addIceCandidate(candidate).catch(() => {});
    pending = null;
    applyCodecPreferences(pc);
    await pc.setLocalDescription(await pc.createAnswer());
    const answer = pc.localDescription;
    if (answer) options.sendAnswer({ type: answer.type, sdp: answer.sdp });
    await capVideo(pc, options.send);
  };
  negotiate().catch(() => {
    if (pc.signalingState !== "closed") pc.close();
    options.onStateChange("failed");
  });

  return {
    clientId: options.clientId,
    joinedAt: Date.now(),
    connection: pc,
    addCandidate(candidate) {
      if (pending) pending.push(candidate);
      else pc.addIceCandidate(candidate).catch(() => {});
    },
    send(message) {
      if (channel.readyState !== "open") return Promise.resolve();
      channel.send(encodePeerMessage(message));
      return drained(channel);
    },
    close() {
      if (pc.signalingState !== "closed") pc.close();
    },
  };
}

const DRAIN_TIMEOUT_MS = 250;

function drained(channel: RTCDataChannel): Promise<void> {
  if (channel.bufferedAmount === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, DRAIN_TIMEOUT_MS);
    channel.bufferedAmountLowThreshold = 0;
    channel.addEventListener(
      "bufferedamountlow",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

async function capVideo(pc: RTCPeerConnection, send: ViewerPeerOptions["send"]): Promise<void> {
  for (const sender of pc.getSenders()) {
    if (sender.track?.kind !== "video") continue;
    const parameters = sender.getParameters();
    if (!parameters.encodings?.length) parameters.encodings = [{}];
    for (const encoding of parameters.encodings) {
      encoding.maxBitrate = send.maxBitrateKbps * 1000;
      encoding.maxFramerate = send.maxFramerate;
    }
    await sender.setParameters(parameters);
  }
}
