/**
 * Messages between the master and a viewer that are not signaling, sent as JSON on the negotiated
 * data channel that every Beam peer connection opens. One typed union; unknown types and malformed
 * fields are ignored so that an older viewer keeps working when the master learns new messages.
 */

/** Both sides create it with `pc.createDataChannel(label, { negotiated: true, id })`. */
export const PEER_CHANNEL = { label: "beam", id: 0 } as const;

export type PeerSource = "tab" | "camera" | "screen";

export type PeerMessage =
  /** The sharer stopped: do not try to rejoin. */
  | { type: "ended" }
  /** Nothing is sent until `resumed`; show a paused state instead of a frozen frame. */
  | { type: "paused" }
  | { type: "resumed" }
  /** The sharer switched what it shares; the same connection carries the new picture. */
  | { type: "source"; source: PeerSource }
  /** The sharer's audio is muted (or unmuted); video goes on. */
  | { type: "audio"; muted: boolean }
  /** The sharer removed this viewer; the server refuses its credentials from now on. */
  | { type: "removed" }
  /** Ask-before-join: this viewer waits until the sharer lets it in (no media until then). */
  | { type: "waiting" }
  /** The sharer said no, or did not answer in time. */
  | { type: "denied"; timedOut: boolean }
  /** The sharer made a new link; a reconnect must use this token, the old one no longer admits. */
  | { type: "link"; token: string };

export type PeerMessageType = PeerMessage["type"];

export type PeerMessageHandlers = {
  [K in PeerMessageType]?: (message: Extract<PeerMessage, { type: K }>) => void;
};

const SOURCES: readonly string[] = ["tab", "camera", "screen"];

/** Per type: the message rebuilt from validated fields, or null. Keys list every known type. */
const READERS: { [K in PeerMessageType]: (value: Record<string, unknown>) => PeerMessage | null } = {
  ended: () => ({ type: "ended" }),
  paused: () => ({ type: "paused" }),
  resumed: () => ({ type: "resumed" }),
  removed: () => ({ type: "removed" }),
  waiting: () => ({ type: "waiting" }),
  source: (v) =>
    typeof v.source === "string" && SOURCES.includes(v.source)
      ? { type: "source", source: v.source as PeerSource }
      : null,
  audio: (v) => (typeof v.muted === "boolean" ? { type: "audio", muted: v.muted } : null),
  denied: (v) => ({ type: "denied", timedOut: v.timedOut === true }),
  link: (v) =>
    typeof v.token === "string" && v.token.length > 0 && v.token.length <= 2048
      ? { type: "link", token: v.token }
      : null,
};

export function encodePeerMessage(message: PeerMessage): string {
  return JSON.stringify(message);
}

/** Returns null for anything that is not a known, well-formed message (bad JSON, binary, unknown type). */
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
  if (typeof type !== "string" || !Object.hasOwn(READERS, type)) return null;
  return READERS[type as PeerMessageType](value as Record<string, unknown>);
}

export function dispatchPeerMessage(message: PeerMessage, handlers: PeerMessageHandlers): void {
  const handler = handlers[message.type] as ((m: PeerMessage) => void) | undefined;
  handler?.(message);
}
