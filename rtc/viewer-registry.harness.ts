/** The viewer registry driven like the master drives it, for its tests. */
import {
  emptyViewerRegistry,
  reduceViewers,
  type ViewerEffect,
  type ViewerEvent,
  type ViewerRegistryState,
} from "./viewer-registry.ts";

const timeouts = { joinTimeoutMs: 60_000, disconnectGraceMs: 5_000 };
export const OFFER = { type: "offer", sdp: "v=0" } as const;
export const ALL = { video: true, audio: true };
export const NONE = { video: null, audio: null };

/** Drives the reducer like the master does and keeps the effects of each step. */
export class Harness {
  state: ViewerRegistryState;
  now = 1_000_000;

  constructor(askBeforeJoin = false) {
    this.state = emptyViewerRegistry(askBeforeJoin);
  }

  run(event: ViewerEvent): ViewerEffect[] {
    const { state, effects } = reduceViewers(this.state, event, timeouts);
    this.state = state;
    return effects;
  }
  offer(clientId: string): ViewerEffect[] {
    return this.run({ type: "offer", clientId, offer: OFFER, now: this.now });
  }
  peerOf(clientId: string): number {
    const viewer = this.state.viewers.get(clientId);
    if (!viewer) throw new Error(`${clientId} is not in the registry`);
    return viewer.peer;
  }
  connection(clientId: string, state: RTCPeerConnectionState, peer = this.peerOf(clientId)): ViewerEffect[] {
    return this.run({ type: "peer-state", clientId, peer, state, now: this.now });
  }
  tick(): ViewerEffect[] {
    return this.run({ type: "tick", now: this.now });
  }
}

/** A viewer let in (by the sharer, if asked) and connected. */
export function watching(h: Harness, clientId: string): void {
  h.offer(clientId);
  h.run({ type: "admit", clientId, allow: true });
  h.connection(clientId, "connected");
}
