/**
 * The KVS signaling MASTER: one peer connection per viewer clientId, the viewer count reported on
 * every change, signaling kept open with fresh presigned URLs. Live controls (switch source, pause,
 * mute, ask before join, remove) change what each viewer's senders carry, never the connection.
 * Browser-only; no chrome.* here.
 */
import type { SignalingCredentials } from "../protocol/api.ts";
import type { ViewerInfo } from "../protocol/extension-messages.ts";
import type { PeerMessage, PeerSource } from "../protocol/peer-messages.ts";
import { backoff, type ReconnectPolicy } from "../protocol/reconnect.ts";
import { admissionFor, type MediaControls, type SourceTracks, tracksFor } from "./media-gate.ts";
import { readSenderStats, type SenderStats } from "./sender-stats.ts";
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
  askBeforeJoin?: boolean;
  /** How long a waiting viewer waits for the sharer's answer before it is told no. */
  joinTimeoutMs?: number;
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
  /** A viewer waits to be let in (ask before join). */
  joinRequest?: (clientId: string) => void;
  /** A waiting viewer was let in, refused, timed out or left. */
  joinSettled?: (clientId: string) => void;
}

export interface Master {
  readonly peers: number;
  readonly signaling: SignalingState;
  /** Every viewer's senders switch to `stream` (no renegotiation); the caller stops the old capture. */
  replaceSource(stream: MediaStream, source: PeerSource): Promise<void>;
  setControls(controls: Partial<MediaControls>): Promise<void>;
  /** Turning it off lets everyone waiting in. */
  setAskBeforeJoin(ask: boolean): void;
  admit(clientId: string, allow: boolean): Promise<void>;
  /** Tells the viewer, closes its connection and ignores its offers for the rest of the share. */
  remove(clientId: string): Promise<void>;
  /** Gives the viewers still here the new link's token, so their reconnects keep working. */
  announceLink(token: string): Promise<void>;
  viewers(): Promise<ViewerInfo[]>;
  /** Tells every viewer the share ended (so none of them tries to rejoin), then closes. */
  stop(): Promise<void>;
}

interface Viewer {
  peer: ViewerPeer;
  admitted: boolean;
  waitTimer?: ReturnType<typeof setTimeout>;
  stats: SenderStats | null;
}

export const JOIN_TIMEOUT_MS = 60_000;

export function startMaster(options: MasterOptions, events: MasterEvents = {}): Master {
  const viewers = new Map<string, Viewer>();
  const graceTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const admitted = new Set<string>();
  const removed = new Set<string>();
  const graceMs = options.disconnectGraceMs ?? 5000;
  const joinTimeoutMs = options.joinTimeoutMs ?? JOIN_TIMEOUT_MS;
  let source = sourceTracks(options.stream);
  let controls: MediaControls = { paused: false, audioMuted: false };
  let askBeforeJoin = options.askBeforeJoin ?? false;
  let iceServers = options.credentials.iceServers;
  let iceTransportPolicy = options.credentials.iceTransportPolicy ?? "all";
  let firstUrl: string | null = options.credentials.signedUrl;
  let reported = 0;

  const connectedCount = () =>
    [...viewers.values()].filter((v) => v.admitted && v.peer.connection.connectionState === "connected")
      .length;
  const report = () => {
    const count = connectedCount();
    if (count === reported) return;
    reported = count;
    events.peers?.(count);
  };
  const applyTracks = (viewer: Viewer) => viewer.peer.setTracks(tracksFor(source, controls, viewer.admitted));
  const broadcast = (message: PeerMessage) =>
    Promise.all([...viewers.values()].filter((v) => v.admitted).map((v) => v.peer.send(message)));

  const settle = (clientId: string, viewer: Viewer) => {
    if (viewer.admitted || viewer.waitTimer === undefined) return;
    clearTimeout(viewer.waitTimer);
    viewer.waitTimer = undefined;
    events.joinSettled?.(clientId);
  };

  const drop = (clientId: string, viewer: Viewer) => {
    clearTimeout(graceTimers.get(clientId));
    graceTimers.delete(clientId);
    settle(clientId, viewer);
    viewer.peer.close();
    if (viewers.get(clientId) === viewer) {
      viewers.delete(clientId);
      keeper.channel?.forget(clientId);
    }
    report();
  };

  const onStateChange = (clientId: string, viewer: Viewer, state: RTCPeerConnectionState) => {
    if (viewers.get(clientId) !== viewer) return;
    clearTimeout(graceTimers.get(clientId));
    graceTimers.delete(clientId);
    if (state === "failed" || state === "closed") return drop(clientId, viewer);
    if (state === "disconnected") {
      graceTimers.set(
        clientId,
        setTimeout(() => drop(clientId, viewer), graceMs),
      );
    }
    report();
  };

  const deny = async (clientId: string, viewer: Viewer, timedOut: boolean) => {
    settle(clientId, viewer);
    await viewer.peer.send({ type: "denied", timedOut });
    drop(clientId, viewer);
  };

  const letIn = async (clientId: string, viewer: Viewer) => {
    settle(clientId, viewer);
    viewer.admitted = true;
    admitted.add(clientId);
    await applyTracks(viewer);
    if (controls.paused) await viewer.peer.send({ type: "paused" });
    if (controls.audioMuted) await viewer.peer.send({ type: "audio", muted: true });
    report();
  };

  const onOffer = (offer: RTCSessionDescriptionInit, clientId: string) => {
    const admission = admissionFor(clientId, { askBeforeJoin, admitted, removed });
    if (admission === "ignore") return;
    // A reloaded viewer may come back with the same clientId: it must leave exactly one connection.
    const previous = viewers.get(clientId);
    if (previous) drop(clientId, previous);
    const peer = answerViewer({
      clientId,
      offer,
      tracks: { video: null, audio: null },
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
      onStateChange: (state) => onStateChange(clientId, viewer, state),
    });
    const viewer: Viewer = { peer, admitted: false, stats: null };
    viewers.set(clientId, viewer);
    if (admission === "admit") {
      void letIn(clientId, viewer);
      return;
    }
    void viewer.peer.send({ type: "waiting" });
    viewer.waitTimer = setTimeout(() => void deny(clientId, viewer, true), joinTimeoutMs);
    events.joinRequest?.(clientId);
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
        if (clientId) viewers.get(clientId)?.peer.addCandidate(candidate);
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
    async replaceSource(stream, kind) {
      source = sourceTracks(stream);
      await Promise.all([...viewers.values()].map(applyTracks));
      await broadcast({ type: "source", source: kind });
    },
    async setControls(next) {
      const before = controls;
      controls = { ...controls, ...next };
      await Promise.all([...viewers.values()].map(applyTracks));
      if (before.paused !== controls.paused)
        await broadcast({ type: controls.paused ? "paused" : "resumed" });
      if (before.audioMuted !== controls.audioMuted)
        await broadcast({ type: "audio", muted: controls.audioMuted });
    },
    setAskBeforeJoin(ask) {
      askBeforeJoin = ask;
      if (ask) return;
      for (const [clientId, viewer] of viewers) if (!viewer.admitted) void letIn(clientId, viewer);
    },
    async admit(clientId, allow) {
      const viewer = viewers.get(clientId);
      if (!viewer || viewer.admitted) return;
      await (allow ? letIn(clientId, viewer) : deny(clientId, viewer, false));
    },
    async remove(clientId) {
      removed.add(clientId);
      admitted.delete(clientId);
      const viewer = viewers.get(clientId);
      if (!viewer) return;
      await viewer.peer.send({ type: "removed" });
      drop(clientId, viewer);
    },
    async announceLink(token) {
      await broadcast({ type: "link", token });
    },
    async viewers() {
      return Promise.all(
        [...viewers].map(async ([clientId, viewer]): Promise<ViewerInfo> => {
          const report = await viewer.peer.connection.getStats().catch(() => null);
          if (report) viewer.stats = readSenderStats(viewer.stats, report);
          const connected = viewer.peer.connection.connectionState === "connected";
          return {
            clientId,
            joinedAt: viewer.peer.joinedAt,
            status: !viewer.admitted ? "waiting" : connected ? "live" : "connecting",
            ...(viewer.stats?.connection ? { connection: viewer.stats.connection } : {}),
            ...(viewer.stats?.bitrateKbps !== undefined ? { bitrateKbps: viewer.stats.bitrateKbps } : {}),
          };
        }),
      );
    },
    async stop() {
      keeper.close();
      const all = [...viewers];
      await Promise.all(all.map(([, viewer]) => viewer.peer.send({ type: "ended" })));
      for (const [clientId, viewer] of all) drop(clientId, viewer);
    },
  };
}

function sourceTracks(stream: MediaStream): SourceTracks<MediaStreamTrack> {
  return { video: stream.getVideoTracks()[0] ?? null, audio: stream.getAudioTracks()[0] ?? null };
}
