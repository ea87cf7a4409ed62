import { admitInWindow, type EmulatorLimits } from "./limits.ts";
import { type Connection, type Draft, EMPTY_PRESENCE, type PendingMessage } from "./registry-state.ts";
import {
  type InboundMessage,
  isBase64,
  isRelayedAction,
  isValidId,
  parseInbound,
} from "./signaling-frames.ts";

/** SDP_OFFER / SDP_ANSWER / ICE_CANDIDATE relay rules of KVS signaling (part of the pure registry). */

interface MessageEvent {
  connectionId: string;
  text: string;
  ttlSeconds: number;
  now: number;
}

/** A failed send: answered with STATUS_RESPONSE only when the request carried a correlationId. */
interface Failure {
  errorType: "InvalidArgumentException" | "ClientLimitExceededException";
  description: string;
}

export function relay(draft: Draft, event: MessageEvent, limits: EmulatorLimits): void {
  const sender = draft.touch(event.connectionId, event.now);
  const message = sender && parseInbound(event.text);
  if (!sender || !message) return;
  const failure = route(draft, sender, message, event, limits);
  if (failure && isValidId(message.correlationId)) {
    const statusResponse = { correlationId: message.correlationId, statusCode: "400", ...failure };
    draft.send(sender.id, { messageType: "STATUS_RESPONSE", statusResponse });
  }
}

function route(
  draft: Draft,
  sender: Connection,
  message: InboundMessage,
  event: MessageEvent,
  limits: EmulatorLimits,
): Failure | undefined {
  const { action, messagePayload: payload } = message;
  if (!isRelayedAction(action)) return invalid("The action is not valid.");
  const rate = admitInWindow(sender.sent[action], event.now, limits.messagesPerSecond[action]);
  if (!rate.allowed) {
    return {
      errorType: "ClientLimitExceededException",
      description: `The rate of ${action} messages exceeds the limit.`,
    };
  }
  draft.connections.set(sender.id, { ...sender, sent: { ...sender.sent, [action]: rate.timestamps } });
  // Length before content: the regex would otherwise scan a payload already known to be too long.
  if (typeof payload === "string" && limits.maxPayloadChars > 0 && payload.length > limits.maxPayloadChars) {
    return invalid(`The messagePayload exceeds the maximum length of ${limits.maxPayloadChars}.`);
  }
  if (!isBase64(payload)) return invalid("The messagePayload must be a non-empty base64 string.");
  // Viewers always reach the master (recipientClientId ignored); the master must name a viewer.
  const recipient = sender.role === "VIEWER" ? undefined : message.recipientClientId;
  if (sender.role === "MASTER" && !isValidId(recipient)) {
    return invalid("The recipientClientId is required when the sender is the master.");
  }
  const frame: PendingMessage["frame"] =
    sender.clientId === undefined
      ? { messageType: action, messagePayload: payload }
      : { messageType: action, messagePayload: payload, senderClientId: sender.clientId };
  const presence = draft.channels.get(sender.channelArn) ?? EMPTY_PRESENCE;
  const to = isValidId(recipient)
    ? { role: "VIEWER" as const, clientId: recipient }
    : { role: "MASTER" as const };
  const target = to.role === "VIEWER" ? presence.viewerIds[to.clientId] : presence.masterIds.at(-1);
  if (target !== undefined) {
    draft.send(target, frame);
    return;
  }
  const queued: PendingMessage = {
    channelArn: sender.channelArn,
    to,
    ...(sender.clientId === undefined ? {} : { from: sender.clientId }),
    frame,
    expiresAt: event.now + event.ttlSeconds * 1000,
  };
  // An undelivered offer or answer from the same client is overwritten by the newer one.
  const supersedes = (p: PendingMessage) =>
    action !== "ICE_CANDIDATE" &&
    p.channelArn === queued.channelArn &&
    p.to.role === to.role &&
    p.to.clientId === queued.to.clientId &&
    p.from === queued.from &&
    p.frame.messageType === action;
  draft.pending = [...draft.pending.filter((p) => !supersedes(p)), queued];
  return;
}

const invalid = (description: string): Failure => ({ errorType: "InvalidArgumentException", description });
