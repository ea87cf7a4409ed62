/**
 * Carries out the signaling pacer's effects: answers and candidates go out on the channel that is
 * open when the quota allows, one timer wakes the pacer for what waits, and while no channel is
 * open everything waits for `release()` on the next open.
 */
import type { SignalingChannel } from "./signaling-channel.ts";
import { emptyPacer, KVS_QUOTA, type Outgoing, type PacerEvent, reducePacer } from "./signaling-pacer.ts";
import { type Timers, wakeTimer } from "./wake-timer.ts";

export interface PacedSenderOptions {
  /** The open channel, or null while (re)connecting. */
  channel: () => SignalingChannel | null;
  now: () => number;
  timers: Timers;
}

export interface PacedSender {
  queue(message: Outgoing): void;
  /** Sends what the quota allows now; call it when a channel opens. */
  release(): void;
  /** Drops what is queued for a viewer that left. */
  forget(clientId: string): void;
  close(): void;
}

export function createPacedSender(options: PacedSenderOptions): PacedSender {
  let pacer = emptyPacer();
  const wake = wakeTimer(() => release(), options.now, options.timers);

  const pace = (event: PacerEvent) => {
    pacer = reducePacer(pacer, event, KVS_QUOTA).state;
  };

  const release = (): void => {
    const channel = options.channel();
    if (!channel) return;
    const { state, effects } = reducePacer(pacer, { type: "release", now: options.now() }, KVS_QUOTA);
    pacer = state;
    const sends: Outgoing[] = [];
    for (const effect of effects) {
      if (effect.kind === "send") sends.push(effect.message);
      else wake.set(effect.at);
    }
    for (const [i, message] of sends.entries()) {
      try {
        if (message.kind === "answer") channel.sendAnswer(message.answer, message.clientId);
        else channel.sendCandidate(message.candidate, message.clientId);
      } catch {
        // The SDK refuses to send on a socket that is no longer open: they wait for the next release.
        pace({ type: "unsent", messages: sends.slice(i) });
        return;
      }
    }
  };

  return {
    queue(message) {
      pace({ type: "queue", message });
      release();
    },
    release,
    forget: (clientId) => pace({ type: "forget", clientId }),
    close: () => wake.set(null),
  };
}
