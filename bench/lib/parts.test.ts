import { describe, expect, it } from "vitest";
import { PARTS, selectParts } from "./parts";

describe("selectParts", () => {
  it("runs every part without --only", () => {
    expect([...selectParts([])]).toEqual([...PARTS]);
  });

  it("runs the named parts and the floors their goals are measured against", () => {
    expect([...selectParts(["--only", "crowd,ttff"])].sort()).toEqual(
      ["crowd", "navigation", "p2p-floor", "ttff", "webrtc-floor"].sort(),
    );
  });

  it("refuses an unknown or missing part name", () => {
    expect(() => selectParts(["--only", "crowds"])).toThrow(/comma-separated list/);
    expect(() => selectParts(["--only"])).toThrow(/comma-separated list/);
  });
});
