import { describe, expect, it } from "vitest";
import { admissionFor, tracksFor } from "./media-gate.ts";

const source = { video: "V", audio: "A" };

describe("tracksFor", () => {
  it("sends the source to an admitted viewer", () => {
    expect(tracksFor(source, { paused: false, audioMuted: false }, true)).toEqual(source);
  });

  it("sends nothing while paused or before the viewer is let in", () => {
    const none = { video: null, audio: null };
    expect(tracksFor(source, { paused: true, audioMuted: false }, true)).toEqual(none);
    expect(tracksFor(source, { paused: false, audioMuted: false }, false)).toEqual(none);
  });

  it("mutes only the audio", () => {
    expect(tracksFor(source, { paused: false, audioMuted: true }, true)).toEqual({ video: "V", audio: null });
    expect(tracksFor({ video: "V", audio: null }, { paused: false, audioMuted: false }, true)).toEqual({
      video: "V",
      audio: null,
    });
  });
});

describe("admissionFor", () => {
  const none = new Set<string>();
  it("admits everyone when the sharer does not ask", () => {
    expect(admissionFor("a", { askBeforeJoin: false, admitted: none, removed: none })).toBe("admit");
  });

  it("makes new viewers wait when asking, but not ones let in before", () => {
    expect(admissionFor("a", { askBeforeJoin: true, admitted: none, removed: none })).toBe("wait");
    expect(admissionFor("a", { askBeforeJoin: true, admitted: new Set(["a"]), removed: none })).toBe("admit");
  });

  it("ignores a removed viewer whatever else holds", () => {
    const removed = new Set(["a"]);
    expect(admissionFor("a", { askBeforeJoin: false, admitted: new Set(["a"]), removed })).toBe("ignore");
  });
});
