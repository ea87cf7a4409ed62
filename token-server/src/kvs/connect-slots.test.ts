import { describe, expect, it } from "vitest";
import { createConnectSlots } from "./connect-slots.ts";

function slotsAt(perWindow = 3) {
  const clock = { t: 1_000_000, now: () => clock.t };
  return { clock, slots: createConnectSlots({ perWindow, windowMs: 1_100, clock, maxChannels: 2 }) };
}

describe("connect slots", () => {
  it("lets the first three of a crowd connect at once and spaces the rest a window apart", () => {
    const { slots } = slotsAt();
    const delays = Array.from({ length: 10 }, () => slots.reserve("s1"));
    expect(delays).toEqual([0, 0, 0, 1100, 1100, 1100, 2200, 2200, 2200, 3300]);
  });

  it("never puts more than three connects into any window, however the joins are spread", () => {
    const { clock, slots } = slotsAt();
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      clock.t += [0, 90, 400, 30, 1200][i % 5] as number;
      times.push(clock.t + slots.reserve("s1"));
    }
    times.sort((a, b) => a - b);
    for (const [i, at] of times.entries()) {
      expect(
        times.filter((other) => other >= at && other < at + 1_100).length,
        `window at slot ${i}`,
      ).toBeLessThanOrEqual(3);
    }
  });

  it("keeps channels apart, frees slots as time passes, and forgets the oldest channel past its bound", () => {
    const { clock, slots } = slotsAt();
    for (let i = 0; i < 3; i++) slots.reserve("s1");
    expect(slots.reserve("s2")).toBe(0);
    expect(slots.reserve("s1")).toBe(1100);
    clock.t += 5_000;
    expect(slots.reserve("s1")).toBe(0);
  });

  it("forgets the channel used longest ago when it holds too many", () => {
    const { slots } = slotsAt();
    for (let i = 0; i < 3; i++) slots.reserve("s1");
    for (let i = 0; i < 3; i++) slots.reserve("s2");
    slots.reserve("s3"); // a third channel past the bound of two: s1 is forgotten
    expect(slots.reserve("s2")).toBe(1100);
    expect(slots.reserve("s1")).toBe(0);
  });

  it("never hands out a wait past its bound, however many joins keep coming", () => {
    const { slots } = slotsAt();
    const delays = Array.from({ length: 1_000 }, () => slots.reserve("s1"));
    expect(Math.max(...delays)).toBe(4_000);
    expect(delays.slice(0, 12)).toEqual([0, 0, 0, 1100, 1100, 1100, 2200, 2200, 2200, 3300, 3300, 3300]);
  });

  it("hands out no waits when the channel has no connect limit", () => {
    const { slots } = slotsAt(0);
    expect(Array.from({ length: 5 }, () => slots.reserve("s1"))).toEqual([0, 0, 0, 0, 0]);
  });
});
