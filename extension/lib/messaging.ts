/**
 * Typed runtime messaging over the maps in protocol/extension-messages.ts: a send's reply is typed
 * by its message, and each receiver answers with one handler per message type. Handlers may throw;
 * the error crosses as a `Reply` failure because exceptions do not survive the message boundary.
 */
import { browser } from "wxt/browser";
import type {
  BackgroundMessage,
  ExtensionMessage,
  MasterMessage,
  MessageOf,
  Receiver,
  Receivers,
  Reply,
  ReplyOf,
  ReplyTo,
} from "../../protocol/extension-messages.ts";
import { toShareError } from "./share-failure.ts";

export function sendToBackground<M extends BackgroundMessage>(message: M): Promise<Reply<ReplyOf<M>>> {
  return send(message);
}

/** To the master's document: Chrome's offscreen document or Firefox's sharing tab. */
export function sendToMaster<M extends MasterMessage>(message: M): Promise<Reply<ReplyOf<M>>> {
  return send(message);
}

async function send<M extends ExtensionMessage>(message: M): Promise<Reply<ReplyOf<M>>> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as Reply<ReplyOf<M>> | undefined;
    return reply ?? { ok: false, error: { code: "internal", message: `No reply to ${message.type}` } };
  } catch (error) {
    return { ok: false, error: toShareError(error, "internal") };
  }
}

type Sender = { tab?: { id?: number } };

/** One handler per message type addressed to `R`, each returning that message's reply. */
export type Handlers<R extends Receiver> = {
  [K in keyof Receivers[R]]: (
    message: MessageOf<R, K>,
    sender: Sender,
  ) => ReplyTo<R, K> | Promise<ReplyTo<R, K>>;
};

/** Answers the messages addressed to `to`, leaving the others to their own receivers. */
export function listen<R extends Receiver>(to: R, handlers: Handlers<R>): void {
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if ((message as { to?: unknown } | null)?.to !== to) return false;
    const { type } = message as { type: keyof Receivers[R] };
    const handler = handlers[type] as ((message: unknown, sender: Sender) => unknown) | undefined;
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`No handler for ${String(type)}`);
        return handler(message, sender);
      })
      .then(
        (value) => sendResponse({ ok: true, value: value ?? null }),
        (error: unknown) => sendResponse({ ok: false, error: toShareError(error) }),
      );
    return true;
  });
}

/** The port an open popup holds to the background; its disconnect says the popup closed. */
export const POPUP_PORT = "popup";

/** Unwraps a reply, rethrowing its error as plain `ShareError` data. */
export function unwrap<T>(reply: Reply<T>): T {
  if (!reply.ok) throw reply.error;
  return reply.value;
}
