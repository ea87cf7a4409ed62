/** Wire frames of the KVS signaling WebSocket (ConnectAsMaster / ConnectAsViewer). */

export type Role = "MASTER" | "VIEWER";
export const RELAYED_ACTIONS = ["SDP_OFFER", "SDP_ANSWER", "ICE_CANDIDATE"] as const;
export type RelayedAction = (typeof RELAYED_ACTIONS)[number];

export interface StatusResponse {
  correlationId: string;
  errorType: string;
  statusCode: string;
  description: string;
}

/** Server → client event ("Asynchronous message reception"). */
export type OutboundFrame =
  | { messageType: RelayedAction; messagePayload: string; senderClientId?: string }
  | { messageType: "GO_AWAY" | "RECONNECT_ICE_SERVER" }
  | { messageType: "STATUS_RESPONSE"; statusResponse: StatusResponse };

/** Client → server request, with the keys found case-insensitively (the C SDK capitalises them). */
export interface InboundMessage {
  action?: unknown;
  messagePayload?: unknown;
  recipientClientId?: unknown;
  correlationId?: unknown;
}

const ID_PATTERN = /^[a-zA-Z0-9_.-]{1,256}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

export const isValidId = (value: unknown): value is string =>
  typeof value === "string" && ID_PATTERN.test(value);
export const isBase64 = (value: unknown): value is string =>
  typeof value === "string" && BASE64_PATTERN.test(value);
export const isRelayedAction = (value: unknown): value is RelayedAction =>
  RELAYED_ACTIONS.includes(value as RelayedAction);

/** Parses a text frame; null when it is not a JSON object (such frames are dropped silently). */
export function parseInbound(text: string): InboundMessage | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return null;
  const byLowerKey = new Map(Object.entries(parsed).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    action: byLowerKey.get("action"),
    messagePayload: byLowerKey.get("messagepayload"),
    recipientClientId: byLowerKey.get("recipientclientid"),
    correlationId: byLowerKey.get("correlationid"),
  };
}
