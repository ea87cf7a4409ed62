/**
 * Typed runtime messaging over the unions in protocol/extension-messages.ts. Handlers may throw;
 * the error crosses as a `Reply` failure because exceptions do not survive the message boundary.
 */
import { browser } from "wxt/browser";
import type {
  BackgroundMessage,
  ExtensionMessage,
  OffscreenMessage,
  Reply,
} from "../../protocol/extension-messages.ts";
import { toShareError } from "./share-failure.ts";

export async function sendToBackground<T>(message: BackgroundMessage): Promise<Reply<T>> {
  return send<T>(message);
}

export async function sendToOffscreen<T>(message: OffscreenMessage): Promise<Reply<T>> {
  return send<T>(message);
}

async function send<T>(message: ExtensionMessage): Promise<Reply<T>> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as Reply<T> | undefined;
    return reply ?? { ok: false, error: { code: "internal", message: `No reply to ${message.type}` } };
  } catch (error) {
    return { ok: false, error: toShareError(error, "internal") };
  }
}

type Receiver = ExtensionMessage["to"];
type MessageFor<R extends Receiver> = Extract<ExtensionMessage, { to: R }>;

/** Answers the messages addressed to `to`, leaving the others to their own receivers. */
export function listen<R extends Receiver>(
  to: R,
  handler: (message: MessageFor<R>, sender: { tab?: { id?: number } }) => unknown,
): void {
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if ((message as { to?: unknown } | null)?.to !== to) return false;
    Promise.resolve()
      .then(() => handler(message as MessageFor<R>, sender))
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
