/**
 * The master's peer connections, one per peer number the viewer registry hands out: created for its
 * `answer` effect, changed by the effects addressed to them, described for the sharer's viewer list.
 */
import type { ViewerInfo } from "../protocol/extension-messages.ts";
import { encodingFor, type SendCap, sameEncoding } from "./encoding-budget.ts";
import type { MasterSignaling } from "./master-signaling.ts";
import type { SourceTracks } from "./media-gate.ts";
import { readSenderStats, type SenderStats } from "./sender-stats.ts";
import { answerViewer, type ViewerPeer } from "./viewer-peer.ts";
import type { ViewerEffect, ViewerEntry } from "./viewer-registry.ts";

/** Effects on one existing peer connection. */
export type PeerEffect = Extract<ViewerEffect, { kind: "set-tracks" | "tell" | "close-peer" }>;

export interface ViewerPeersOptions {
  stream: MediaStream;
  /** The share's own limits; each viewer gets its part of them (see `encoding-budget.ts`). */
  send: SendCap;
  signaling: Pick<MasterSignaling, "ice" | "sendAnswer" | "sendCandidate">;
  onStateChange: (clientId: string, peer: number, state: RTCPeerConnectionState) => void;
}

export function createViewerPeers(options: ViewerPeersOptions) {
  const peers = new Map<number, { peer: ViewerPeer; stats: SenderStats | null }>();
  let source = sourceTracks(options.stream);
  let encoding = encodingFor(1, options.send);

  return {
    setSource(stream: MediaStream): void {
      source = sourceTracks(stream);
    },

    answer({ peer, clientId, offer }: Extract<ViewerEffect, { kind: "answer" }>): void {
      try {
        const viewer = answerViewer({
          clientId,
          offer,
          tracks: { video: null, audio: null },
          ...options.signaling.ice,
          encoding,
          sendAnswer: (answer) => options.signaling.sendAnswer(answer, clientId),
          sendCandidate: (candidate) => options.signaling.sendCandidate(candidate, clientId),
          onStateChange: (state) => options.onStateChange(clientId, peer, state),
        });
        peers.set(peer, { peer: viewer, stats: null });
      } catch {
        // A peer connection that cannot even be built (e.g. unusable ICE servers) leaves at once.
        options.onStateChange(clientId, peer, "failed");
      }
    },

    /** How many viewers are let in: every encoder's limits follow (see `encoding-budget.ts`). */
    setAudience(viewers: number): void {
      const next = encodingFor(Math.max(1, viewers), options.send);
      if (sameEncoding(next, encoding)) return;
      encoding = next;
      for (const { peer } of peers.values()) void peer.setEncoding(next);
    },

    /** Resolves once the effect is done (tracks swapped, a message out of the buffer). */
    perform(effect: PeerEffect): Promise<void> {
      const viewer = peers.get(effect.peer);
      if (!viewer) return Promise.resolve();
      switch (effect.kind) {
        case "set-tracks":
          return viewer.peer.setTracks({
            video: effect.tracks.video && source.video,
            audio: effect.tracks.audio && source.audio,
          });
        case "tell":
          return viewer.peer.send(effect.message);
        case "close-peer":
          peers.delete(effect.peer);
          if (effect.farewell) return viewer.peer.send(effect.farewell).then(() => viewer.peer.close());
          viewer.peer.close();
          return Promise.resolve();
      }
    },

    addCandidate(peer: number, candidate: RTCIceCandidateInit): void {
      peers.get(peer)?.peer.addCandidate(candidate);
    },

    /** One row of the viewer list: the registry's status, the peer's join time and sender stats. */
    async describe(clientId: string, entry: ViewerEntry): Promise<ViewerInfo | null> {
      const viewer = peers.get(entry.peer);
      if (!viewer) return null;
      const report = await viewer.peer.connection.getStats().catch(() => null);
      if (report) viewer.stats = readSenderStats(viewer.stats, report);
      const stats = viewer.stats;
      return {
        clientId,
        joinedAt: viewer.peer.joinedAt,
        status: !entry.admitted ? "waiting" : entry.connection === "connected" ? "live" : "connecting",
        ...(stats?.connection ? { connection: stats.connection } : {}),
        ...(stats?.bitrateKbps !== undefined ? { bitrateKbps: stats.bitrateKbps } : {}),
      };
    },
  };
}

export type ViewerPeers = ReturnType<typeof createViewerPeers>;

function sourceTracks(stream: MediaStream): SourceTracks<MediaStreamTrack> {
  return { video: stream.getVideoTracks()[0] ?? null, audio: stream.getAudioTracks()[0] ?? null };
}
