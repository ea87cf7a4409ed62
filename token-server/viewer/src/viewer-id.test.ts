import { describe, expect, it } from "vitest";
import { loadViewerId } from "./viewer-id";

const memory = () => {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
};
const bytes = (n: number) => new Uint8Array(n).fill(0xfb);

describe("loadViewerId", () => {
  it("creates a base64url id of 16 random bytes and keeps it", () => {
    const storage = memory();
    const id = loadViewerId(() => storage, bytes);
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(id).toContain("-");
    expect(
      loadViewerId(
        () => storage,
        () => new Uint8Array(16),
      ),
    ).toBe(id);
  });

  it("replaces a malformed stored id", () => {
    const storage = memory();
    storage.setItem("viewerId", "short");
    expect(loadViewerId(() => storage, bytes)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("still returns an id when storage is blocked", () => {
    const blocked = () => {
      throw new DOMException("denied", "SecurityError");
    };
    expect(loadViewerId(blocked, bytes)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
