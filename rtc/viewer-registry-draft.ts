import type { PeerMessage } from "../protocol/peer-messages.ts";
import { type MediaControls, type SourceTracks, tracksFor } from "./media-gate.ts";

/** State, effects and copy-on-write helper of the pure viewer registry (see viewer-registry.ts). */

export interface ViewerEntry {
  /** Which of the master's peer connections serves it; a rejoin with the same clientId gets a new one. */
  readonly peer: number;
  readonly admitted: boolean;
  readonly connection: RTCPeerConnectionState;
  /** Ask before join: it is told no at this time unless the sharer answers first. */
  readonly waitUntil?: number;
  /** Disconnected: it is dropped at this time unless it comes back first. */
  readonly graceUntil?: number;
}

export interface ViewerRegistryState {
  /** In order of arrival; a rejoin moves to the end. */
  readonly viewers: ReadonlyMap<string, ViewerEntry>;
  /** Let in earlier in this share: a reconnect keeps its place. */
  readonly admitted: ReadonlySet<string>;
  /** Removed for the rest of the share: their offers are ignored. */
  readonly removed: ReadonlySet<string>;
  readonly askBeforeJoin: boolean;
  readonly controls: MediaControls;
  readonly nextPeer: number;
  /** The viewer count last reported. */
  readonly reported: number;
  /** When the timer last asked for fires, or null for none. */
  readonly wakeAt: number | null;
}

export type ViewerEffect =
  /** Create peer connection `peer` and answer the offer; its senders carry nothing yet. */
  | { kind: "answer"; peer: number; clientId: string; offer: RTCSessionDescriptionInit }
  /** Which of the source's tracks the peer's senders carry (null: none). */
  | { kind: "set-tracks"; peer: number; tracks: SourceTracks<true> }
  /** A message on the peer's data channel, after the effects before it on the same peer. */
  | { kind: "tell"; peer: number; message: PeerMessage }
  /** Close the peer connection, once `farewell` (if any) has left its data channel. */
  | { kind: "close-peer"; peer: number; farewell?: PeerMessage }
  /** The viewer left the registry: signaling drops what it buffers or queues for it. */
  | { kind: "forget"; clientId: string }
  | { kind: "notify-join-request"; clientId: string }
  /** A waiting viewer was let in, refused, timed out or left. */
  | { kind: "notify-join-settled"; clientId: string }
  | { kind: "report-peers"; count: number }
  /** Send a `tick` at this time (replacing any timer asked for before); null: no timer. */
  | { kind: "schedule-timer"; at: number | null };

const EVERY_TRACK: SourceTracks<true> = { video: true, audio: true };

/** Viewers let in whose peer connection is connected: the count the sharer sees. */
export function connectedViewers(state: Pick<ViewerRegistryState, "viewers">): number {
  let count = 0;
  for (const viewer of state.viewers.values())
    if (viewer.admitted && viewer.connection === "connected") count++;
  return count;
}

/** Viewers let in, connected or still connecting: each has a video encoder of its own. */
export function admittedViewers(state: Pick<ViewerRegistryState, "viewers">): number {
  let count = 0;
  for (const viewer of state.viewers.values()) if (viewer.admitted) count++;
  return count;
}

/** Working copy for one reduction; never mutates the input state's objects. */
export class ViewerDraft {
  readonly viewers: Map<string, ViewerEntry>;
  readonly admitted: Set<string>;
  readonly removed: Set<string>;
  askBeforeJoin: boolean;
  controls: MediaControls;
  nextPeer: number;
  wakeAt: number | null;
  readonly effects: ViewerEffect[] = [];

  constructor(private readonly state: ViewerRegistryState) {
    this.viewers = new Map(state.viewers);
    this.admitted = new Set(state.admitted);
    this.removed = new Set(state.removed);
    this.askBeforeJoin = state.askBeforeJoin;
    this.controls = state.controls;
    this.nextPeer = state.nextPeer;
    this.wakeAt = state.wakeAt;
  }

  tell(peer: number, message: PeerMessage): void {
    this.effects.push({ kind: "tell", peer, message });
  }

  /** Only viewers let in hear about the share; a waiting one has been told it waits. */
  broadcast(message: PeerMessage): void {
    for (const viewer of this.viewers.values()) if (viewer.admitted) this.tell(viewer.peer, message);
  }

  applyTracks(clientId: string): void {
    const viewer = this.viewers.get(clientId);
    if (!viewer) return;
    const tracks = tracksFor(EVERY_TRACK, this.controls, viewer.admitted);
    this.effects.push({ kind: "set-tracks", peer: viewer.peer, tracks });
  }

  letIn(clientId: string): void {
    const viewer = this.viewers.get(clientId);
    if (!viewer) return;
    this.settle(clientId, viewer);
    this.viewers.set(clientId, { ...viewer, admitted: true, waitUntil: undefined });
    this.admitted.add(clientId);
    this.applyTracks(clientId);
    if (this.controls.paused) this.tell(viewer.peer, { type: "paused" });
    if (this.controls.audioMuted) this.tell(viewer.peer, { type: "audio", muted: true });
  }

  /** Closes the viewer's peer connection (after `farewell`) and forgets it. */
  drop(clientId: string, farewell?: PeerMessage): void {
    const viewer = this.viewers.get(clientId);
    if (!viewer) return;
    this.settle(clientId, viewer);
    this.viewers.delete(clientId);
    this.effects.push({ kind: "close-peer", peer: viewer.peer, ...(farewell ? { farewell } : {}) });
    this.effects.push({ kind: "forget", clientId });
  }

  /** The count and the timer follow from the final state, so they are reported once per event. */
  finish(): { state: ViewerRegistryState; effects: ViewerEffect[] } {
    const deadlines = [...this.viewers.values()].flatMap((v) => [
      ...(!v.admitted && v.waitUntil !== undefined ? [v.waitUntil] : []),
      ...(v.graceUntil !== undefined ? [v.graceUntil] : []),
    ]);
    const wakeAt = deadlines.length ? Math.min(...deadlines) : null;
    if (wakeAt !== this.wakeAt) this.effects.push({ kind: "schedule-timer", at: wakeAt });
    const reported = connectedViewers(this);
    if (reported !== this.state.reported) this.effects.push({ kind: "report-peers", count: reported });
    const state: ViewerRegistryState = {
      viewers: this.viewers,
      admitted: this.admitted,
      removed: this.removed,
      askBeforeJoin: this.askBeforeJoin,
      controls: this.controls,
      nextPeer: this.nextPeer,
      reported,
      wakeAt,
    };
    return { state, effects: this.effects };
  }

  private settle(clientId: string, viewer: ViewerEntry): void {
    if (!viewer.admitted && viewer.waitUntil !== undefined) {
      this.effects.push({ kind: "notify-join-settled", clientId });
    }
  }
}
