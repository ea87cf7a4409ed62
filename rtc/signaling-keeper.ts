/**
 * Keeps a master's signaling channel open: a fresh channel (and so a fresh presigned URL) per
 * attempt, retried by the reconnect policy. Peer connections live elsewhere, so media to viewers
 * keeps flowing while signaling is down; only new viewers wait.
 */
import type { ReconnectPolicy } from "../protocol/reconnect.ts";
import type { SignalingChannel, SignalingHandlers } from "./signaling-channel.ts";

export type SignalingState = "connecting" | "open" | "reconnecting" | "closed";

export interface SignalingKeeperOptions {
  /** Creates a new, unopened channel wired to the given handlers. */
  create: (handlers: SignalingHandlers) => SignalingChannel;
  /** Offers, candidates and status responses, forwarded from whichever channel is current. */
  handlers: Pick<SignalingHandlers, "offer" | "candidate" | "status">;
  policy: ReconnectPolicy;
  onState: (state: SignalingState) => void;
  /** The policy gave up, or the error was fatal; the keeper is closed. */
  onGiveUp: (error: unknown) => void;
  /** Errors not worth retrying (e.g. the session is gone). */
  isFatal?: (error: unknown) => boolean;
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
}

export interface SignalingKeeper {
  /** The open channel, or null while (re)connecting. */
  readonly channel: SignalingChannel | null;
  readonly state: SignalingState;
  close(): void;
}

export function keepSignalingOpen(options: SignalingKeeperOptions): SignalingKeeper {
  const timers = options.timers ?? globalThis;
  let state: SignalingState = "connecting";
  let open: SignalingChannel | null = null;
  let current: SignalingChannel | null = null;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: SignalingState) => {
    if (next === state) return;
    state = next;
    options.onState(next);
  };

  const giveUp = (error: unknown) => {
    stop();
    options.onGiveUp(error);
  };

  const connect = () => {
    retry = undefined;
    let settled = false;
    const channel: SignalingChannel = options.create({
      ...options.handlers,
      open: () => {
        if (settled || channel !== current) return;
        attempt = 0;
        const previous = open;
        open = channel;
        // The channel told to go away served until now; its successor takes over.
        if (previous && previous !== channel) safely(() => previous.close());
        setState("open");
      },
      goAway: () => {
        // Make before break: the old channel keeps carrying answers until the new one is open.
        if (channel === current && channel === open) connect();
      },
      close: () => lost(new Error("Signaling connection closed")),
      error: (error) => lost(error),
    });
    const lost = (error: unknown) => {
      if (open === channel) open = null;
      if (settled || channel !== current) return;
      settled = true;
      current = null;
      // A signer failure leaves the SDK client half-open; closing resets it (its close event is ignored).
      safely(() => channel.close());
      if (options.isFatal?.(error)) return giveUp(error);
      const delay = options.policy(attempt++);
      if (delay === null) return giveUp(error);
      if (state === "open") setState("reconnecting");
      retry = timers.setTimeout(connect, delay);
    };
    current = channel;
    try {
      channel.open();
    } catch (error) {
      lost(error);
    }
  };

  const stop = () => {
    if (retry !== undefined) timers.clearTimeout(retry);
    retry = undefined;
    const channels = new Set([current, open]);
    current = null;
    open = null;
    for (const channel of channels) if (channel) safely(() => channel.close());
    setState("closed");
  };

  connect();
  return {
    get channel() {
      return open;
    },
    get state() {
      return state;
    },
    close: stop,
  };
}

function safely(action: () => void): void {
  try {
    action();
  } catch {
    // Closing an already-closed SDK client throws; there is nothing left to release.
  }
}
