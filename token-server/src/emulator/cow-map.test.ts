import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CowMap } from "./cow-map.ts";

type Op = { set: number; value: number } | { delete: number } | { copy: true };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ set: fc.integer({ min: 0, max: 200 }), value: fc.integer() }),
  fc.record({ delete: fc.integer({ min: 0, max: 200 }) }),
  fc.constant({ copy: true as const }),
);

describe("CowMap", () => {
  it("reads like a Map through any sequence of writes and copies, and a copy never changes its source", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), (ops) => {
        const model = new Map<number, number>();
        let map = CowMap.copyOf(new Map<number, number>());
        const frozen: { map: ReadonlyMap<number, number>; entries: [number, number][] }[] = [];
        for (const o of ops) {
          if ("set" in o) {
            map.set(o.set, o.value);
            model.set(o.set, o.value);
          } else if ("delete" in o) {
            expect(map.delete(o.delete)).toBe(model.delete(o.delete));
          } else {
            frozen.push({ map, entries: [...model].sort(([a], [b]) => a - b) });
            map = CowMap.copyOf(map);
          }
          expect(map.size).toBe(model.size);
        }
        expect([...map].sort(([a], [b]) => a - b)).toEqual([...model].sort(([a], [b]) => a - b));
        for (let key = 0; key <= 200; key++) {
          expect(map.get(key)).toBe(model.get(key));
          expect(map.has(key)).toBe(model.has(key));
        }
        for (const { map: old, entries } of frozen) {
          expect([...old.entries()].sort(([a], [b]) => a - b)).toEqual(entries);
        }
      }),
    );
  });

  it("keeps insertion order for keys added since its base", () => {
    const map = CowMap.copyOf(new Map([["a", 1]]));
    map.set("c", 3).set("b", 2);
    map.set("a", 4);
    expect([...map.keys()]).toEqual(["a", "c", "b"]);
  });
});
