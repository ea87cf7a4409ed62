import { admitInWindow, type EmulatorLimits } from "./limits.ts";
import {
  Draft,
  type Effect,
  EMPTY_PRESENCE,
  NO_SENDS,
  type PendingMessage,
  type RegistryState,
} from "./registry-state.ts";
import type { Role } from "./signaling-frames.ts";
import { relay } from "./signaling-relay.ts";

/**
 * The signaling relay as a pure reducer: `(state, event) → (state, effects)`.
 * It never touches sockets or clocks; the WebSocket adapter feeds it events and performs the effects.
 */

export type { Effect, RegistryState } from "./registry-state.ts";
export { emptyRegistry } from "./registry-state.ts";

export type RegistryEvent =
  | { type: "connect"; connectionId: string; channelArn: string; clientId?: string; now: number }
  | { type: "message"; connectionId: string; text: string; ttlSeconds: number; now: number }
  | { type: "activity"; connectionId: string; now: number }
  | { type: "disconnect"; connectionId: string }
  | { type: "tick"; now: number }
  | { type: "goAway"; channelArn?: string; now: number }
  | { type: "closeChannel"; channelArn: string; role?: Role; abrupt: boolean; forget: boolean };

type ConnectEvent = Extract<RegistryEvent, { type: "connect" }>;

export interface Transition {
  state: RegistryState;
  effects: Effect[];
}

export function reduce(state: RegistryState, event: RegistryEvent, limits: EmulatorLimits): Transition {
  const draft = new Draft(state);
  switch (event.type) {
    case "connect":
      connect(draft, event, limits);
      break;
    case "message":
      relay(draft, event, limits);
      break;
    case "activity":
      draft.touch(event.connectionId, event.now);
      break;
    case "disconnect":
      draft.remove(event.connectionId);
      break;
    case "tick":
      tick(draft, event.now, limits);
      break;
    case "goAway":
      for (const c of draft.connections.values()) {
        if (
          (event.channelArn === undefined || c.channelArn === event.channelArn) &&
          c.closeAt === undefined
        ) {
          draft.goAway(c, event.now + limits.goAwayGraceMs);
        }
      }
      break;
    case "closeChannel":
      for (const c of [...draft.connections.values()]) {
        if (c.channelArn === event.channelArn && (event.role === undefined || c.role === event.role)) {
          draft.close(c.id, 1000, "Channel closed", event.abrupt);
        }
      }
      if (event.forget) {
        draft.pending = draft.pending.filter((p) => p.channelArn !== event.channelArn);
        draft.channels.delete(event.channelArn);
      }
      break;
  }
  return { state: draft.snapshot(), effects: draft.effects };
}

function connect(draft: Draft, event: ConnectEvent, limits: EmulatorLimits): void {
  const role: Role = event.clientId === undefined ? "MASTER" : "VIEWER";
  const presence = draft.channels.get(event.channelArn) ?? EMPTY_PRESENCE;
  const rate = admitInWindow(presence.connects[role], event.now, limits.connectsPerSecondPerChannel);
  const takenOver = event.clientId === undefined ? undefined : presence.viewerIds[event.clientId];
  const viewersFull =
    role === "VIEWER" && !takenOver && Object.keys(presence.viewerIds).length >= limits.viewersPerChannel;
  if (!rate.allowed || viewersFull) {
    const api = role === "MASTER" ? "ConnectAsMaster" : "ConnectAsViewer";
    draft.reject(
      viewersFull
        ? "The maximum number of viewers connected to the channel has been reached."
        : `The rate of ${api} calls on this channel exceeds the limit.`,
    );
    return;
  }
  draft.channels.set(event.channelArn, {
    ...presence,
    connects: { ...presence.connects, [role]: rate.timestamps },
  });
  // A newer master, or a viewer reusing a ClientId, takes precedence over the existing connection.
  if (takenOver) draft.close(takenOver, 1000, "Replaced by a newer connection with the same ClientId");
  if (role === "MASTER") {
    const masters = presence.masterIds;
    for (const old of masters.slice(0, Math.max(0, masters.length - limits.mastersPerChannel + 1))) {
      draft.close(old, 1000, "Replaced by a newer master connection");
    }
  }
  draft.add({
    id: event.connectionId,
    channelArn: event.channelArn,
    role,
    ...(event.clientId === undefined ? {} : { clientId: event.clientId }),
    connectedAt: event.now,
    lastActivityAt: event.now,
    sent: NO_SENDS,
  });
  const isForMe = (p: PendingMessage) =>
    p.channelArn === event.channelArn && p.to.role === role && p.to.clientId === event.clientId;
  for (const p of draft.pending) {
    if (isForMe(p) && p.expiresAt > event.now) draft.send(event.connectionId, p.frame);
  }
  draft.pending = draft.pending.filter((p) => !isForMe(p));
}

function tick(draft: Draft, now: number, limits: EmulatorLimits): void {
  draft.pending = draft.pending.filter((p) => p.expiresAt > now);
  // A channel nobody is connected to, whose connect-rate window has passed, has nothing to remember.
  for (const [arn, p] of draft.channels) {
    const connects = [...p.connects.MASTER, ...p.connects.VIEWER];
    const empty = p.masterIds.length === 0 && Object.keys(p.viewerIds).length === 0;
    if (empty && connects.every((t) => now - t >= 1000)) draft.channels.delete(arn);
  }
  for (const c of [...draft.connections.values()]) {
    if (c.closeAt !== undefined && now >= c.closeAt) draft.close(c.id, 1001, "Going away");
    else if (now - c.lastActivityAt >= limits.idleTimeoutMs) draft.close(c.id, 1000, "Idle timeout");
    else if (
      c.closeAt === undefined &&
      now >= c.connectedAt + limits.maxConnectionMs - limits.goAwayGraceMs
    ) {
      draft.goAway(c, c.connectedAt + limits.maxConnectionMs);
    }
  }
}
