/**
 * The master's side of one viewer: a peer connection that answers the viewer's offer with the
 * shared stream's tracks, trickles ICE both ways and caps the video sender.
 */
import type { IceServer } from "../protocol/api.ts";
import { applyCodecPreferences } from "./codecs.ts";

export interface ViewerPeerOptions {
  clientId: string;
  offer: RTCSessionDescriptionInit;
  stream: MediaStream;
  iceServers: IceServer[];
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
  close(): void;
}

export function answerViewer(options: ViewerPeerOptions): ViewerPeer {
  const pc = new RTCPeerConnection({ iceServers: options.iceServers });
  // Candidates can arrive before the remote description is set; they wait here until it is.
  let pending: RTCIceCandidateInit[] | null = [];

  pc.addEventListener("icecandidate", ({ candidate }) => {
    if (candidate?.candidate) options.sendCandidate(candidate);
  });
  pc.addEventListener("connectionstatechange", () => options.onStateChange(pc.connectionState));
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
    close() {
      if (pc.signalingState !== "closed") pc.close();
    },
  };
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
