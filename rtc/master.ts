/**
 * The KVS signaling MASTER: one peer connection per viewer clientId, the viewer count reported on
 * every change, signaling kept open with fresh presigned URLs. Who is let in, waits, is removed or
 * dropped is decided by the viewer registry; this file feeds it events from signaling, the peer
 * connections, timers and the sharer, and carries out its effects. Live controls change what each
 * viewer's senders carry, never the connection. Browser-only; no chrome.* here.
 */
import type { ViewerInfo } from "../protocol/extension-messages.ts";
import type { PeerSource } from "../protocol/peer-messages.ts";
import { type MasterSignalingOptions, openMasterSignaling } from "./master-signaling.ts";
import type { MediaControls } from "./media-gate.ts";
import type { SignalingState } from "./signaling-keeper.ts";
import { createViewerPeers, type PeerEffect } from "./viewer-peers.ts";
import {
  admittedViewers,
  connectedViewers,
  emptyViewerRegistry,
  reduceViewers,
  type ViewerEffect,
  type ViewerEvent,
} from "./viewer-registry.ts";
import { wakeTimer } from "./wake-timer.ts";

export interface MasterOptions extends MasterSignalingOptions {
  stream: MediaStream;
  send: { maxBitrateKbps: number; maxFramerate: number };
  askBeforeJoin?: boolean;
  /** How long a waiting viewer waits for the sharer's answer before it is told no. */
  joinTimeoutMs?: number;
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

export const JOIN_TIMEOUT_MS = 60_000;

type OtherEffect = Exclude<ViewerEffect, PeerEffect>;

export function startMaster(options: MasterOptions, events: MasterEvents = {}): Master {
  const now = options.now ?? (() => performance.now());
  const timeouts = {
    joinTimeoutMs: options.joinTimeoutMs ?? JOIN_TIMEOUT_MS,
    disconnectGraceMs: options.disconnectGraceMs ?? 5000,
  };
  let registry = emptyViewerRegistry(options.askBeforeJoin ?? false);
  const wake = wakeTimer(
    () => void dispatch({ type: "tick", now: now() }),
    now,
    options.timers ?? globalThis,
  );

  const dispatch = (event: ViewerEvent): Promise<void> => {
    const { state, effects } = reduceViewers(registry, event, timeouts);
    registry = state;
    peers.setAudience(admittedViewers(registry));
    // One peer's effects run in order (its tracks before the message about them, a farewell before
    // the close); different peers' run side by side.
    const chains = new Map<number, Promise<void>>();
    for (const effect of effects) {
      if (effect.kind === "set-tracks" || effect.kind === "tell" || effect.kind === "close-peer") {
        const before = chains.get(effect.peer);
        chains.set(effect.peer, before ? before.then(() => peers.perform(effect)) : peers.perform(effect));
      } else (perform[effect.kind] as (effect: OtherEffect) => void)(effect);
    }
    return Promise.all(chains.values()).then(() => {});
  };

  /** The effects not addressed to one peer, by kind; a new kind of effect fails to compile until handled. */
  const perform: { [K in OtherEffect["kind"]]: (effect: Extract<OtherEffect, { kind: K }>) => void } = {
    answer: (effect) => peers.answer(effect),
    forget: (effect) => signaling.forget(effect.clientId),
    "notify-join-request": (effect) => events.joinRequest?.(effect.clientId),
    "notify-join-settled": (effect) => events.joinSettled?.(effect.clientId),
    "report-peers": (effect) => events.peers?.(effect.count),
    "schedule-timer": (effect) => wake.set(effect.at),
  };

  const signaling = openMasterSignaling(options, {
    offer: (offer, clientId) => void dispatch({ type: "offer", clientId, offer, now: now() }),
    candidate: (candidate, clientId) => {
      const viewer = registry.viewers.get(clientId);
      if (viewer) peers.addCandidate(viewer.peer, candidate);
    },
    state: (state) => events.signaling?.(state),
    failed: (error) => events.failed?.(error),
  });
  const peers = createViewerPeers({
    stream: options.stream,
    send: options.send,
    signaling,
    onStateChange: (clientId, peer, state) =>
      void dispatch({ type: "peer-state", clientId, peer, state, now: now() }),
  });

  return {
    get peers() {
      return connectedViewers(registry);
    },
    get signaling() {
      return signaling.state;
    },
    replaceSource(stream, source) {
      peers.setSource(stream);
      return dispatch({ type: "source", source });
    },
    setControls: (controls) => dispatch({ type: "controls", controls }),
    setAskBeforeJoin: (enabled) => void dispatch({ type: "ask", enabled }),
    admit: (clientId, allow) => dispatch({ type: "admit", clientId, allow }),
    remove: (clientId) => dispatch({ type: "remove", clientId }),
    announceLink: (token) => dispatch({ type: "link", token }),
    async viewers() {
      const rows = await Promise.all([...registry.viewers].map(([id, entry]) => peers.describe(id, entry)));
      return rows.filter((row) => row !== null);
    },
    stop() {
      signaling.close();
      return dispatch({ type: "stop" });
    },
  };
}
