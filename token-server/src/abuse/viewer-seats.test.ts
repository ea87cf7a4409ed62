import { describe, expect, it } from "vitest";
import { ViewerSeats } from "./viewer-seats.ts";

function seatsAt(perSession: number) {
  const clock = { t: 0, now: () => clock.t };
  return { clock, seats: new ViewerSeats({ perSession, holdMs: 120_000, clock }) };
}

describe("ViewerSeats", () => {
  it("admits up to the limit per session; a returning viewer keeps its seat", () => {
    const { seats } = seatsAt(2);
    expect(seats.take("s1", "a")).toBe(true);
    expect(seats.take("s1", "b")).toBe(true);
    expect(seats.take("s1", "c")).toBe(false);
    expect(seats.take("s1", "a")).toBe(true);
    expect(seats.take("s2", "c")).toBe(true);
  });

  it("frees a seat once its presign window has passed, and renews it on every join", () => {
    const { clock, seats } = seatsAt(1);
    seats.take("s", "a");
    clock.t = 100_000;
    seats.take("s", "a");
    clock.t = 200_000;
    expect(seats.take("s", "b")).toBe(false);
    clock.t = 220_000;
    expect(seats.take("s", "b")).toBe(true);
  });

  it("frees every seat when the session ends, and 0 means no limit", () => {
    const { seats } = seatsAt(1);
    seats.take("s", "a");
    seats.release("s");
    expect(seats.take("s", "b")).toBe(true);
    const open = seatsAt(0).seats;
    expect(["a", "b", "c"].every((id) => open.take("s", id))).toBe(true);
  });
});
