/**
 * The join timeline the stats overlay shows: how long after the link was opened each phase was
 * reached, the phases the official KVS test page logs. Each mark counts once (the first join).
 */
import type { Translate } from "./i18n/language";

export const JOIN_PHASES = [
  ["credentials", "phaseCredentials"],
  ["signaling", "phaseSignaling"],
  ["answer", "phaseAnswer"],
  ["ice", "phaseIce"],
  ["frame", "phaseFrame"],
] as const;

export type JoinPhase = (typeof JOIN_PHASES)[number][0];

export interface JoinTimeline {
  /** `at`: when it happened, if before now (the credentials the inline script fetched). */
  mark(phase: JoinPhase, at?: number): void;
  /** [label, "+123 ms" or "—"] in phase order. */
  rows(t: Translate): [string, string][];
}

/** `now` is ms since the link was opened (`performance.now()` in the page). */
export function createJoinTimeline(now: () => number): JoinTimeline {
  const marks = new Map<JoinPhase, number>();
  return {
    mark(phase, at = now()) {
      if (!marks.has(phase)) marks.set(phase, at);
    },
    rows: (t) =>
      JOIN_PHASES.map(([phase, label]) => {
        const at = marks.get(phase);
        return [t(label), at === undefined ? "—" : `+${Math.round(at)} ms`];
      }),
  };
}
