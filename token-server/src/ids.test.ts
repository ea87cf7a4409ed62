import { describe, expect, it } from "vitest";
import { newLinkId, newSessionId, viewerClientId } from "./ids.ts";

describe("ids", () => {
  it("are base64url of the promised length and never repeat, across many draws", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const ids = [newSessionId(), viewerClientId("s"), newLinkId()];
      expect(ids[0]).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(ids[1]).toMatch(/^viewer-[A-Za-z0-9_-]{22}$/);
      expect(ids[2]).toMatch(/^[A-Za-z0-9_-]{11}$/);
      for (const id of ids) seen.add(id);
    }
    expect(seen.size).toBe(3000);
  });

  it("derives a viewer's client id from its viewer id, per session", () => {
    expect(viewerClientId("s1", "viewer-0001")).toBe(viewerClientId("s1", "viewer-0001"));
    expect(viewerClientId("s1", "viewer-0001")).not.toBe(viewerClientId("s2", "viewer-0001"));
  });
});
