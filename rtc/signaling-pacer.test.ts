import { describe, expect, it } from "vitest";
import {
  emptyPacer,
  KVS_QUOTA,
  type Outgoing,
  type PacerEffect,
  type PacerEvent,
  type PacerState,
  reducePacer,
} from "./signaling-pacer.ts";

const answer = (clientId: string): Outgoing => ({ kind: "answer", clientId, answer: { type: "answer" } });
const candidate = (clientId: string, n: number): Outgoing => ({
  kind: "candidate",
  clientId,
  candidate: { candidate: `candidate:${n}` },
});

/** Drives the pacer like the master's signaling does: queue, then release at `now`. */
class Harness {
  state: PacerState = emptyPacer();
  now = 1_000_000;

  run(event: PacerEvent): PacerEffect[] {
    const { state, effects } = reducePacer(this.state, event, KVS_QUOTA);
    this.state = state;
    return effects;
  }
  queue(...messages: Outgoing[]): void {
    for (const message of messages) this.run({ type: "queue", message });
  }
  release(): { sent: Outgoing[]; timer: number | null | undefined } {
    const effects = this.run({ type: "release", now: this.now });
    return {
      sent: effects.flatMap((e) => (e.kind === "send" ? [e.message] : [])),
      timer: effects.find((e) => e.kind === "schedule-timer")?.at,
    };
  }
}

describe("signaling pacer", () => {
  it("sends at once, in order, while under the quota", () => {
    const h = new Harness();
    h.queue(answer("a"), candidate("a", 1), candidate("a", 2));
    expect(h.release()).toEqual({
      sent: [answer("a"), candidate("a", 1), candidate("a", 2)],
      timer: null,
    });
    expect(h.state.queue).toEqual([]);
  });

  it("holds the sixth answer in a window until the first leaves it", () => {
    const h = new Harness();
    const viewers = ["a", "b", "c", "d", "e", "f", "g"];
    h.queue(...viewers.map(answer));
    expect(h.release()).toEqual({ sent: viewers.slice(0, 5).map(answer), timer: h.now + 1_100 });
    h.now += 1_099;
    expect(h.release()).toEqual({ sent: [], timer: h.now + 1 });
    h.now += 1;
    expect(h.release()).toEqual({ sent: [answer("f"), answer("g")], timer: null });
  });

  it("holds candidates beyond 20 a window and sends every one, in order", () => {
    const h = new Harness();
    const burst = Array.from({ length: 45 }, (_, n) => candidate(`v${n % 3}`, n));
    h.queue(...burst);
    const sent: Outgoing[] = [];
    let timer = h.release();
    sent.push(...timer.sent);
    expect(timer.sent).toHaveLength(20);
    while (timer.timer !== null && timer.timer !== undefined) {
      h.now = timer.timer;
      timer = h.release();
      expect(timer.sent.length).toBeLessThanOrEqual(20);
      sent.push(...timer.sent);
    }
    expect(sent).toEqual(burst);
  });

  it("never sends a viewer's candidates before its answer, but lets other viewers' through", () => {
    const h = new Harness();
    h.queue(...["a", "b", "c", "d", "e"].map(answer));
    h.release();
    h.queue(answer("f"), candidate("f", 1), candidate("a", 2));
    expect(h.release().sent).toEqual([candidate("a", 2)]);
    h.now += 1_100;
    expect(h.release().sent).toEqual([answer("f"), candidate("f", 1)]);
  });

  it("forgets what is queued for a viewer that left, and only that", () => {
    const h = new Harness();
    h.queue(...["a", "b", "c", "d", "e"].map(answer));
    h.release();
    h.queue(answer("f"), candidate("f", 1), answer("g"));
    h.run({ type: "forget", clientId: "f" });
    expect(h.state.queue).toEqual([answer("g")]);
  });

  it("puts back what the socket refused, ahead of the rest, without counting it as sent", () => {
    const h = new Harness();
    h.queue(answer("a"), candidate("a", 1));
    const refused = h.release().sent;
    h.queue(candidate("a", 2));
    h.run({ type: "unsent", messages: refused });
    expect(h.state.sent).toEqual({ answer: [], candidate: [] });
    expect(h.release().sent).toEqual([answer("a"), candidate("a", 1), candidate("a", 2)]);
  });

  it("never mutates the previous state", () => {
    const h = new Harness();
    h.queue(answer("a"));
    const before = h.state;
    h.release();
    h.queue(candidate("a", 1));
    expect(before).toEqual({ queue: [answer("a")], sent: { answer: [], candidate: [] } });
  });
});
