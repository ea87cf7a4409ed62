import { CowMap } from "./cow-map.ts";
import type { OutboundFrame, RelayedAction, Role } from "./signaling-frames.ts";

/** State and copy-on-write helper of the pure signaling registry (see signaling-registry.ts). */

export interface Connection {
  readonly id: string;
  readonly channelArn: string;
  readonly role: Role;
  readonly clientId?: string;
  readonly connectedAt: number;
  readonly lastActivityAt: number;
  /** Set once GO_AWAY was sent: the connection is closed at this time. */
  readonly closeAt?: number;
  readonly sent: Readonly<Record<RelayedAction, readonly number[]>>;
}

export interface ChannelPresence {
  /** Oldest first; messages go to the newest. */
  readonly masterIds: readonly string[];
  readonly viewerIds: Readonly<Record<string, string>>;
  readonly connects: Readonly<Record<Role, readonly number[]>>;
}

export interface PendingMessage {
  readonly channelArn: string;
  readonly to: { role: Role; clientId?: string };
  /** The sending viewer's client id, or undefined for the master. */
  readonly from?: string;
  readonly frame: Extract<OutboundFrame, { messagePayload: string }>;
  readonly expiresAt: number;
}

export interface RegistryState {
  readonly connections: ReadonlyMap<string, Connection>;
  readonly channels: ReadonlyMap<string, ChannelPresence>;
  readonly pending: readonly PendingMessage[];
}

export type Effect =
  | { kind: "send"; connectionId: string; frame: OutboundFrame }
  | { kind: "close"; connectionId: string; code: number; reason: string; abrupt?: boolean }
  | { kind: "reject"; errorType: "ClientLimitExceededException"; message: string };

export const emptyRegistry = (): RegistryState => ({
  connections: new Map(),
  channels: new Map(),
  pending: [],
});

export const EMPTY_PRESENCE: ChannelPresence = {
  masterIds: [],
  viewerIds: {},
  connects: { MASTER: [], VIEWER: [] },
};
export const NO_SENDS = { SDP_OFFER: [], SDP_ANSWER: [], ICE_CANDIDATE: [] };

/** Copy-on-write working state for one reduction; never mutates the input state's objects. */
export class Draft {
  readonly connections: CowMap<string, Connection>;
  readonly channels: CowMap<string, ChannelPresence>;
  pending: PendingMessage[];
  readonly effects: Effect[] = [];

  constructor(state: RegistryState) {
    this.connections = CowMap.copyOf(state.connections);
    this.channels = CowMap.copyOf(state.channels);
    this.pending = [...state.pending];
  }

  snapshot(): RegistryState {
    return { connections: this.connections, channels: this.channels, pending: this.pending };
  }

  send(connectionId: string, frame: OutboundFrame): void {
    this.effects.push({ kind: "send", connectionId, frame });
  }

  reject(message: string): void {
    this.effects.push({ kind: "reject", errorType: "ClientLimitExceededException", message });
  }

  touch(id: string, now: number): Connection | undefined {
    const c = this.connections.get(id);
    if (!c) return undefined;
    const touched = { ...c, lastActivityAt: now };
    this.connections.set(id, touched);
    return touched;
  }

  goAway(c: Connection, closeAt: number): void {
    this.connections.set(c.id, { ...c, closeAt });
    this.send(c.id, { messageType: "GO_AWAY" });
  }

  add(c: Connection): void {
    this.connections.set(c.id, c);
    const p = this.channels.get(c.channelArn) ?? EMPTY_PRESENCE;
    this.channels.set(
      c.channelArn,
      c.role === "MASTER"
        ? { ...p, masterIds: [...p.masterIds, c.id] }
        : { ...p, viewerIds: { ...p.viewerIds, [c.clientId as string]: c.id } },
    );
  }

  remove(id: string): void {
    const c = this.connections.get(id);
    if (!c) return;
    this.connections.delete(id);
    const p = this.channels.get(c.channelArn) ?? EMPTY_PRESENCE;
    const viewerIds = { ...p.viewerIds };
    if (c.clientId !== undefined && viewerIds[c.clientId] === id) delete viewerIds[c.clientId];
    this.channels.set(c.channelArn, { ...p, masterIds: p.masterIds.filter((m) => m !== id), viewerIds });
  }

  close(id: string, code: number, reason: string, abrupt = false): void {
    if (!this.connections.has(id)) return;
    this.remove(id);
    this.effects.push({ kind: "close", connectionId: id, code, reason, ...(abrupt ? { abrupt } : {}) });
  }
}
