import { describe, expect, it } from "vitest";
import { type SeatContext, ViewerSeats } from "./viewer-seats.ts";

function seatsAt(perSession: number) {
  const clock = { t: 0, now: () => clock.t };
  return { clock, seats: new ViewerSeats({ perSession, pendingMs: 15_000, clock }) };
}
const on = (linkId: string, connected?: string[], removed: string[] = []): SeatContext => ({
  linkId,
  removed: new Set(removed),
  connected: connected === undefined ? undefined : new Set(connected),
});

describe("ViewerSeats", () => {
  it("admits up to the limit per session; a returning viewer keeps its seat", () => {
    const { seats } = seatsAt(2);
    expect(seats.take("s1", "a", on("L"))).toBe(true);
    expect(seats.take("s1", "b", on("L"))).toBe(true);
    expect(seats.take("s1", "c", on("L"))).toBe(false);
    expect(seats.take("s1", "a", on("L"))).toBe(true);
    expect(seats.take("s2", "c", on("L"))).toBe(true);
  });

  it("lets a join that never connects lapse; a connected viewer keeps its seat while connected", () => {
    const { clock, seats } = seatsAt(2);
    seats.take("s", "squatter", on("L", []));
    seats.take("s", "viewer", on("L", []));
    expect(seats.take("s", "late", on("L", ["viewer"]))).toBe(false);
    clock.t = 15_000;
    expect(seats.take("s", "late", on("L", ["viewer"]))).toBe(true);
    expect(seats.take("s", "another", on("L", ["viewer", "late"]))).toBe(false);
    expect(seats.take("s", "another", on("L", ["late"]))).toBe(true);
  });

  it("frees the seats of an old link and of removed viewers at once, connected or not", () => {
    const { seats } = seatsAt(2);
    seats.take("s", "a", on("L1", []));
    seats.take("s", "b", on("L1", []));
    expect(seats.take("s", "c", on("L1", []))).toBe(false);
    expect(seats.take("s", "c", on("L2", []))).toBe(true);
    expect(seats.take("s", "d", on("L2", ["a"]))).toBe(false);
    expect(seats.take("s", "d", on("L2", ["a"], ["a"]))).toBe(true);
  });

  it("frees every seat when the session ends, and 0 means no limit", () => {
    const { seats } = seatsAt(1);
    seats.take("s", "a", on("L"));
    seats.release("s");
    expect(seats.take("s", "b", on("L"))).toBe(true);
    const open = seatsAt(0).seats;
    expect(["a", "b", "c"].every((id) => open.take("s", id, on("L")))).toBe(true);
  });
});
