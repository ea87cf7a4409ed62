/**
 * The master's outgoing signaling paced under KVS's per-socket quotas (5 SDP answers and 20 ICE
 * candidates a second), as a pure reducer `(state, event) → (state, effects)` with times in events.
 * Messages leave in the order they were queued, except that a kind waiting for its quota does not
 * hold up the other kind; one viewer's messages never overtake each other, so its answer always goes
 * before its candidates. KVS carries one candidate per ICE_CANDIDATE message, so a burst is held and
 * sent in order, never merged; nothing is dropped unless its viewer is forgotten.
 */

export type Outgoing =
  | { kind: "answer"; clientId: string; answer: RTCSessionDescriptionInit }
  | { kind: "candidate"; clientId: string; candidate: RTCIceCandidateInit };

type Kind = Outgoing["kind"];
const KINDS: readonly Kind[] = ["answer", "candidate"];

export interface PacerQuota {
  /** Messages of each kind allowed in any window of `windowMs`. */
  perWindow: Readonly<Record<Kind, number>>;
  windowMs: number;
}

/**
 * KVS counts a sliding second per socket. The window here is a tenth longer, so that network jitter
 * never packs more into the service's second than it allows.
 */
export const KVS_QUOTA: PacerQuota = { perWindow: { answer: 5, candidate: 20 }, windowMs: 1_100 };

export interface PacerState {
  readonly queue: readonly Outgoing[];
  /** Send times still inside the window, oldest first. */
  readonly sent: Readonly<Record<Kind, readonly number[]>>;
}

export type PacerEvent =
  | { type: "queue"; message: Outgoing }
  /** Signaling can send now (a message was queued, a socket opened, the timer fired). */
  | { type: "release"; now: number }
  /** The socket refused these, just released and in that order: back to the head of the queue. */
  | { type: "unsent"; messages: readonly Outgoing[] }
  /** The viewer left: what is queued for it would only confuse a rejoin. */
  | { type: "forget"; clientId: string };

export type PacerEffect =
  | { kind: "send"; message: Outgoing }
  /** Release again at this time (replacing any timer asked for before); null: nothing waits. */
  | { kind: "schedule-timer"; at: number | null };

export interface PacerTransition {
  state: PacerState;
  effects: PacerEffect[];
}

export const emptyPacer = (): PacerState => ({ queue: [], sent: { answer: [], candidate: [] } });

export function reducePacer(state: PacerState, event: PacerEvent, quota: PacerQuota): PacerTransition {
  switch (event.type) {
    case "queue":
      return { state: { ...state, queue: [...state.queue, event.message] }, effects: [] };
    case "release":
      return release(state, event.now, quota);
    case "unsent": {
      // They never left, so they no longer count: drop the newest send times of their kinds.
      const sent = { ...state.sent };
      for (const kind of KINDS) {
        const count = event.messages.filter((m) => m.kind === kind).length;
        sent[kind] = sent[kind].slice(0, sent[kind].length - count);
      }
      return { state: { queue: [...event.messages, ...state.queue], sent }, effects: [] };
    }
    case "forget":
      return {
        state: { ...state, queue: state.queue.filter((m) => m.clientId !== event.clientId) },
        effects: [],
      };
  }
}

function release(state: PacerState, now: number, quota: PacerQuota): PacerTransition {
  const sent: Record<Kind, number[]> = {
    answer: state.sent.answer.filter((t) => now - t < quota.windowMs),
    candidate: state.sent.candidate.filter((t) => now - t < quota.windowMs),
  };
  const held = new Set<string>();
  const queue: Outgoing[] = [];
  const effects: PacerEffect[] = [];
  for (const message of state.queue) {
    const times = sent[message.kind];
    if (!held.has(message.clientId) && times.length < quota.perWindow[message.kind]) {
      times.push(now);
      effects.push({ kind: "send", message });
    } else {
      held.add(message.clientId);
      queue.push(message);
    }
  }
  // A held message waits for a full kind: the earliest room is when that kind's oldest send leaves.
  const rooms = KINDS.filter(
    (kind) => sent[kind].length >= quota.perWindow[kind] && queue.some((m) => m.kind === kind),
  ).map((kind) => (sent[kind][0] ?? now) + quota.windowMs);
  effects.push({ kind: "schedule-timer", at: rooms.length ? Math.min(...rooms) : null });
  return { state: { queue, sent }, effects };
}
