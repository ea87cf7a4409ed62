/**
 * Messages between the master and a viewer that are not signaling, sent as JSON on the negotiated
 * data channel that every Beam peer connection opens. Unknown types are ignored so that an older
 * viewer keeps working when the master learns new messages.
 */

/** Both sides create it with `pc.createDataChannel(label, { negotiated: true, id })`. */
export const PEER_CHANNEL = { label: "beam", id: 0 } as const;

export type PeerMessage = { type: "ended" };

export type PeerMessageType = PeerMessage["type"];

export type PeerMessageHandlers = {
  [K in PeerMessageType]?: (message: Extract<PeerMessage, { type: K }>) => void;
};

const TYPES: readonly PeerMessageType[] = ["ended"];

export function encodePeerMessage(message: PeerMessage): string {
  return JSON.stringify(message);
}

/** Returns null for anything that is not a known message (bad JSON, binary, unknown type). */
export function parsePeerMessage(data: unknown): PeerMessage | null {
  if (typeof data !== "string") return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const type = (value as { type?: unknown }).type;
  if (!TYPES.includes(type as PeerMessageType)) return null;
  return { type: type as PeerMessageType };
}

export function dispatchPeerMessage(message: PeerMessage, handlers: PeerMessageHandlers): void {
  const handler = handlers[message.type] as ((m: PeerMessage) => void) | undefined;
  handler?.(message);
}
