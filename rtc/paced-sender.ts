/**
 * Carries out the signaling pacer's effects: answers and candidates go out on the channel that is
 * open when the quota allows, one timer wakes the pacer for what waits, and while no channel is
 * open everything waits for `release()` on the next open.
 */
import type { SignalingChannel } from "./signaling-channel.ts";
import { emptyPacer, KVS_QUOTA, type Outgoing, type PacerEvent, reducePacer } from "./signaling-pacer.ts";

export interface PacedSenderOptions {
  /** The open channel, or null while (re)connecting. */
  channel: () => SignalingChannel | null;
  now: () => number;
  timers: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
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
  let wake: ReturnType<typeof setTimeout> | undefined;

  const pace = (event: PacerEvent) => {
    pacer = reducePacer(pacer, event, KVS_QUOTA).state;
  };

  const release = () => {
    const channel = options.channel();
    if (!channel) return;
    const { state, effects } = reducePacer(pacer, { type: "release", now: options.now() }, KVS_QUOTA);
    pacer = state;
    const sends: Outgoing[] = [];
    for (const effect of effects) {
      if (effect.kind === "send") sends.push(effect.message);
      else {
        options.timers.clearTimeout(wake);
        // Rounded up: timers round fractional delays down, and one firing early would send nothing.
        const delay = effect.at === null ? null : Math.ceil(effect.at - options.now());
        wake = delay === null ? undefined : options.timers.setTimeout(release, delay);
      }
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
    close: () => options.timers.clearTimeout(wake),
  };
}
