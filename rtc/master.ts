/**
 * The KVS signaling MASTER: one peer connection per viewer clientId, the viewer count reported on
 * every change, signaling kept open with fresh presigned URLs. Browser-only; no chrome.* here.
 */
import type { SignalingCredentials } from "../protocol/api.ts";
import { backoff, type ReconnectPolicy } from "../protocol/reconnect.ts";
import { createSignalingChannel } from "./signaling-channel.ts";
import { keepSignalingOpen, type SignalingState } from "./signaling-keeper.ts";
import { answerViewer, type ViewerPeer } from "./viewer-peer.ts";

export interface MasterOptions {
  stream: MediaStream;
  channelArn: string;
  region: string;
  /** From session creation; used for the first open. */
  credentials: SignalingCredentials;
  /** Fresh presigned URL and ICE servers for every later open. */
  refreshCredentials: () => Promise<SignalingCredentials>;
  send: { maxBitrateKbps: number; maxFramerate: number };
  policy?: ReconnectPolicy;
  isFatal?: (error: unknown) => boolean;
  /** How long a `disconnected` viewer may take to come back before it is dropped. */
  disconnectGraceMs?: number;
}

export interface MasterEvents {
  peers?: (count: number) => void;
  signaling?: (state: SignalingState) => void;
  /** Signaling gave up; viewers already connected keep their media until `stop()`. */
  failed?: (error: unknown) => void;
}

export interface Master {
  readonly peers: number;
  readonly signaling: SignalingState;
  /** Tells every viewer the share ended (so none of them tries to rejoin), then closes. */
  stop(): Promise<void>;
}

export function startMaster(options: MasterOptions, events: MasterEvents = {}): Master {
  const viewers = new Map<string, ViewerPeer>();
  const graceTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const graceMs = options.disconnectGraceMs ?? 5000;
  let iceServers = options.credentials.iceServers;
  let iceTransportPolicy = options.credentials.iceTransportPolicy ?? "all";
  let firstUrl: string | null = options.credentials.signedUrl;
  let reported = 0;

  const connectedCount = () =>
    [...viewers.values()].filter((v) => v.connection.connectionState === "connected").length;
  const report = () => {
    const count = connectedCount();
    if (count === reported) return;
    reported = count;
    events.peers?.(count);
  };

  const drop = (clientId: string, peer: ViewerPeer) => {
    clearTimeout(graceTimers.get(clientId));
    graceTimers.delete(clientId);
    peer.close();
    if (viewers.get(clientId) === peer) {
      viewers.delete(clientId);
      keeper.channel?.forget(clientId);
    }
    report();
  };

  const onStateChange = (clientId: string, peer: ViewerPeer, state: RTCPeerConnectionState) => {
    if (viewers.get(clientId) !== peer) return;
    clearTimeout(graceTimers.get(clientId));
    graceTimers.delete(clientId);
    if (state === "failed" || state === "closed") return drop(clientId, peer);
    if (state === "disconnected") {
      graceTimers.set(
        clientId,
        setTimeout(() => drop(clientId, peer), graceMs),
      );
    }
    report();
  };

  const onOffer = (offer: RTCSessionDescriptionInit, clientId: string) => {
    // A reloaded viewer may come back with the same clientId: it must leave exactly one connection.
    const previous = viewers.get(clientId);
    if (previous) drop(clientId, previous);
    const peer: ViewerPeer = answerViewer({
      clientId,
      offer,
      stream: options.stream,
      iceServers,
      iceTransportPolicy,
      send: options.send,
      sendAnswer: (answer) => keeper.channel?.sendAnswer(answer, clientId),
      sendCandidate: (candidate) => {
        try {
          keeper.channel?.sendCandidate(candidate, clientId);
        } catch {
          // Signaling dropped mid-trickle; the viewer still has the candidates sent so far.
        }
      },
      onStateChange: (state) => onStateChange(clientId, peer, state),
    });
    viewers.set(clientId, peer);
  };

  const signedUrl = async () => {
    if (firstUrl) {
      const url = firstUrl;
      firstUrl = null;
      return url;
    }
    const fresh = await options.refreshCredentials();
    iceServers = fresh.iceServers;
    iceTransportPolicy = fresh.iceTransportPolicy ?? "all";
    return fresh.signedUrl;
  };

  const keeper = keepSignalingOpen({
    create: (handlers) =>
      createSignalingChannel(
        { role: "MASTER", channelArn: options.channelArn, region: options.region, signedUrl },
        handlers,
      ),
    handlers: {
      offer: onOffer,
      candidate: (candidate, clientId) => {
        if (clientId) viewers.get(clientId)?.addCandidate(candidate);
      },
    },
    policy: options.policy ?? backoff(),
    isFatal: options.isFatal,
    onState: (state) => events.signaling?.(state),
    onGiveUp: (error) => events.failed?.(error),
  });

  return {
    get peers() {
      return connectedCount();
    },
    get signaling() {
      return keeper.state;
    },
    async stop() {
      keeper.close();
      const peers = [...viewers];
      await Promise.all(peers.map(([, peer]) => peer.send({ type: "ended" })));
      for (const [clientId, peer] of peers) drop(clientId, peer);
    },
  };
}
