/**
 * Who watches the share, as a pure reducer `(state, event) → (state, effects)`: one entry per viewer
 * clientId from its offer until it leaves; ask before join (wait, admit, deny, time out), removal,
 * the grace a `disconnected` viewer gets, and what each viewer's senders carry and is told. It never
 * touches peer connections, signaling or clocks: the master feeds it events (times come in them) and
 * performs the effects.
 */
import type { PeerSource } from "../protocol/peer-messages.ts";
import { admissionFor, type MediaControls } from "./media-gate.ts";
import { ViewerDraft, type ViewerEffect, type ViewerRegistryState } from "./viewer-registry-draft.ts";

export {
  admittedViewers,
  connectedViewers,
  type ViewerEffect,
  type ViewerEntry,
  type ViewerRegistryState,
} from "./viewer-registry-draft.ts";

export interface ViewerTimeouts {
  /** How long a waiting viewer waits for the sharer's answer before it is told no. */
  joinTimeoutMs: number;
  /** How long a `disconnected` viewer may take to come back before it is dropped. */
  disconnectGraceMs: number;
}

export type ViewerEvent =
  /** A viewer's SDP offer arrived (a first join, or a rejoin with the same clientId). */
  | { type: "offer"; clientId: string; offer: RTCSessionDescriptionInit; now: number }
  /** One of the master's peer connections changed state; `peer` tells a replaced one apart. */
  | { type: "peer-state"; clientId: string; peer: number; state: RTCPeerConnectionState; now: number }
  /** The timer asked for by `schedule-timer` fired. */
  | { type: "tick"; now: number }
  | { type: "admit"; clientId: string; allow: boolean }
  | { type: "ask"; enabled: boolean }
  | { type: "remove"; clientId: string }
  | { type: "controls"; controls: Partial<MediaControls> }
  /** The source's tracks changed (the master holds them); every viewer's senders take the new ones. */
  | { type: "source"; source: PeerSource }
  | { type: "link"; token: string }
  /** The share ends: everyone is told, every peer closed. */
  | { type: "stop" };

export interface ViewerTransition {
  state: ViewerRegistryState;
  effects: ViewerEffect[];
}

export const emptyViewerRegistry = (askBeforeJoin: boolean): ViewerRegistryState => ({
  viewers: new Map(),
  admitted: new Set(),
  removed: new Set(),
  askBeforeJoin,
  controls: { paused: false, audioMuted: false },
  nextPeer: 1,
  reported: 0,
  wakeAt: null,
});

export function reduceViewers(
  state: ViewerRegistryState,
  event: ViewerEvent,
  timeouts: ViewerTimeouts,
): ViewerTransition {
  const draft = new ViewerDraft(state);
  // TypeScript cannot tie `event.type` to its handler's parameter, hence the widening cast.
  (HANDLERS[event.type] as Handler<ViewerEvent["type"]>)(draft, event, timeouts);
  return draft.finish();
}

type EventOf<K extends ViewerEvent["type"]> = Extract<ViewerEvent, { type: K }>;
type Handler<K extends ViewerEvent["type"]> = (
  draft: ViewerDraft,
  event: EventOf<K>,
  t: ViewerTimeouts,
) => void;

/** One handler per event type: a new event fails to compile until it is handled. */
const HANDLERS: { [K in ViewerEvent["type"]]: Handler<K> } = {
  offer,
  "peer-state": peerState,
  tick,
  admit: (draft, event) => {
    const viewer = draft.viewers.get(event.clientId);
    if (!viewer || viewer.admitted) return;
    if (event.allow) draft.letIn(event.clientId);
    else draft.drop(event.clientId, { type: "denied", timedOut: false });
  },
  ask: (draft, event) => {
    draft.askBeforeJoin = event.enabled;
    if (event.enabled) return;
    for (const [clientId, viewer] of [...draft.viewers]) if (!viewer.admitted) draft.letIn(clientId);
  },
  remove: (draft, event) => {
    draft.removed.add(event.clientId);
    draft.admitted.delete(event.clientId);
    draft.drop(event.clientId, { type: "removed" });
  },
  controls,
  source: (draft, event) => {
    for (const clientId of draft.viewers.keys()) draft.applyTracks(clientId);
    draft.broadcast({ type: "source", source: event.source });
  },
  link: (draft, event) => draft.broadcast({ type: "link", token: event.token }),
  stop: (draft) => {
    for (const clientId of [...draft.viewers.keys()]) draft.drop(clientId, { type: "ended" });
  },
};

function offer(draft: ViewerDraft, event: EventOf<"offer">, t: ViewerTimeouts): void {
  const admission = admissionFor(event.clientId, draft);
  if (admission === "ignore") return;
  // A reloaded viewer may come back with the same clientId: it must leave exactly one connection.
  draft.drop(event.clientId);
  const peer = draft.nextPeer++;
  const waitUntil = admission === "wait" ? event.now + t.joinTimeoutMs : undefined;
  draft.viewers.set(event.clientId, { peer, admitted: false, connection: "new", waitUntil });
  draft.effects.push({ kind: "answer", peer, clientId: event.clientId, offer: event.offer });
  if (admission === "admit") {
    draft.letIn(event.clientId);
    return;
  }
  draft.tell(peer, { type: "waiting" });
  draft.effects.push({ kind: "notify-join-request", clientId: event.clientId });
}

function peerState(draft: ViewerDraft, event: EventOf<"peer-state">, t: ViewerTimeouts): void {
  const viewer = draft.viewers.get(event.clientId);
  if (viewer?.peer !== event.peer) return;
  if (event.state === "failed" || event.state === "closed") {
    draft.drop(event.clientId);
    return;
  }
  const graceUntil = event.state === "disconnected" ? event.now + t.disconnectGraceMs : undefined;
  draft.viewers.set(event.clientId, { ...viewer, connection: event.state, graceUntil });
}

function tick(draft: ViewerDraft, event: EventOf<"tick">): void {
  // The timer is spent; one still needed (it fired early) is asked for again.
  draft.wakeAt = null;
  for (const [clientId, viewer] of [...draft.viewers]) {
    if (!viewer.admitted && viewer.waitUntil !== undefined && event.now >= viewer.waitUntil) {
      draft.drop(clientId, { type: "denied", timedOut: true });
    } else if (viewer.graceUntil !== undefined && event.now >= viewer.graceUntil) {
      draft.drop(clientId);
    }
  }
}

function controls(draft: ViewerDraft, event: EventOf<"controls">): void {
  const before = draft.controls;
  const after = { ...before, ...event.controls };
  draft.controls = after;
  for (const clientId of draft.viewers.keys()) draft.applyTracks(clientId);
  if (before.paused !== after.paused) draft.broadcast({ type: after.paused ? "paused" : "resumed" });
  if (before.audioMuted !== after.audioMuted) draft.broadcast({ type: "audio", muted: after.audioMuted });
}
