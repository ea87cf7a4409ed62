/**
 * The master's side of one viewer: a peer connection that answers the viewer's offer with one
 * send-only video and audio transceiver, trickles ICE both ways and caps the video sender. What the
 * senders carry is set (and changed) with `setTracks`, always by `replaceTrack`: switching source,
 * pausing or letting a waiting viewer in never renegotiates.
 */
import type { IceServer, IceTransportPolicy } from "../protocol/api.ts";
import { encodePeerMessage, PEER_CHANNEL, type PeerMessage } from "../protocol/peer-messages.ts";
import { applyCodecPreferences } from "./codecs.ts";
import type { VideoEncoding } from "./encoding-budget.ts";
import type { SourceTracks } from "./media-gate.ts";
import { START_BITRATE_KBPS, withStartBitrate } from "./start-bitrate.ts";

export interface ViewerPeerOptions {
  clientId: string;
  offer: RTCSessionDescriptionInit;
  tracks: SourceTracks<MediaStreamTrack>;
  iceServers: IceServer[];
  iceTransportPolicy: IceTransportPolicy;
  /** The video encoder's limits to start with (see `encoding-budget.ts`). */
  encoding: VideoEncoding;
  sendAnswer: (answer: RTCSessionDescriptionInit) => void;
  sendCandidate: (candidate: RTCIceCandidate) => void;
  onStateChange: (state: RTCPeerConnectionState) => void;
}

export interface ViewerPeer {
  readonly clientId: string;
  readonly joinedAt: number;
  readonly connection: RTCPeerConnection;
  addCandidate(candidate: RTCIceCandidateInit): void;
  /** Swaps what the senders carry (null: send nothing); resolves once both senders have it. */
  setTracks(tracks: SourceTracks<MediaStreamTrack>): Promise<void>;
  /** New limits for the video encoder (the audience grew or shrank); no renegotiation. */
  setEncoding(encoding: VideoEncoding): Promise<void>;
  /**
   * Sends on the Beam data channel (queued until it opens); resolves once it has left the buffer
   * (or could not be sent).
   */
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
  let tracks = options.tracks;
  let encoding = options.encoding;
  let negotiated = false;
  const queued: PeerMessage[] = [];

  pc.addEventListener("icecandidate", ({ candidate }) => {
    if (candidate?.candidate) options.sendCandidate(candidate);
  });
  pc.addEventListener("connectionstatechange", () => options.onStateChange(pc.connectionState));
  // Negotiated on both sides with a fixed id, so it needs no extra signaling round.
  const channel = pc.createDataChannel(PEER_CHANNEL.label, { negotiated: true, id: PEER_CHANNEL.id });
  channel.addEventListener("open", () => {
    for (const message of queued.splice(0)) channel.send(encodePeerMessage(message));
  });
  // A viewer that closes its page closes the channel at once, long before ICE notices: count it gone.
  channel.addEventListener("close", () => {
    if (pc.connectionState === "connected") options.onStateChange("closed");
  });

  const applyTracks = async () => {
    if (!negotiated || pc.signalingState === "closed") return;
    await Promise.all(
      pc.getTransceivers().map((transceiver) => {
        const kind = transceiver.receiver.track.kind as "audio" | "video";
        return transceiver.sender.replaceTrack(tracks[kind]);
      }),
    );
  };

  // The answer goes out first: the viewer waits on it, and nothing after it changes its SDP
  // (replaceTrack keeps the msid, the cap is an encoder setting, early candidates are the viewer's).
  const negotiate = async () => {
    const startKbps = Math.min(START_BITRATE_KBPS, encoding.maxBitrateKbps);
    await pc.setRemoteDescription({
      type: "offer",
      sdp: withStartBitrate(options.offer.sdp ?? "", startKbps),
    });
    // Send-only even while nothing is sent, so a later replaceTrack needs no new offer.
    for (const transceiver of pc.getTransceivers()) transceiver.direction = "sendonly";
    applyCodecPreferences(pc);
    await pc.setLocalDescription(await pc.createAnswer());
    const answer = pc.localDescription;
    if (answer) options.sendAnswer({ type: answer.type, sdp: answer.sdp });
    // A candidate the browser cannot use is not fatal; ICE goes on with the others.
    for (const candidate of pending ?? []) await pc.addIceCandidate(candidate).catch(() => {});
    pending = null;
    negotiated = true;
    await applyTracks();
    await cap();
  };
  // One setParameters at a time, with the latest limits: Chromium refuses a second one started
  // before the first settled, and a crowd changes the limits while peers are still negotiating.
  // A refused cap must never fail the connection (it did, and a crowd of ten lost peers to it).
  let capping = Promise.resolve();
  const cap = () => {
    capping = capping.then(() => capVideo(pc, encoding)).catch(() => {});
    return capping;
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
      // As above: an unusable candidate leaves ICE to the others.
      else pc.addIceCandidate(candidate).catch(() => {});
    },
    setTracks(next) {
      tracks = next;
      // replaceTrack rejects only once the connection is closed, which its state change reports.
      return applyTracks().catch(() => {});
    },
    setEncoding(next) {
      encoding = next;
      // Before negotiation the answer path applies it.
      return negotiated ? cap() : Promise.resolve();
    },
    send(message) {
      if (channel.readyState === "connecting") {
        queued.push(message);
        return Promise.resolve();
      }
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

/** By transceiver kind, not sender track: a paused or waiting viewer's sender has no track yet. */
async function capVideo(pc: RTCPeerConnection, encoding: VideoEncoding): Promise<void> {
  for (const transceiver of pc.getTransceivers()) {
    if (transceiver.receiver.track.kind !== "video") continue;
    const sender = transceiver.sender;
    const parameters = sender.getParameters();
    if (!parameters.encodings?.length) parameters.encodings = [{}];
    for (const sent of parameters.encodings) {
      sent.maxBitrate = encoding.maxBitrateKbps * 1000;
      sent.maxFramerate = encoding.maxFramerate;
      sent.scaleResolutionDownBy = encoding.scaleResolutionDownBy;
    }
    await sender.setParameters(parameters);
  }
}
