import { describe, expect, it } from "vitest";
import { ADMISSION_REUSE_MS, ChannelCache } from "./cache.ts";

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("ChannelCache", () => {
  it("shares one in-flight load between concurrent callers", async () => {
    const cache = new ChannelCache({ clock: fakeClock() });
    let loads = 0;
    const load = async () => {
      loads++;
      return "arn:1";
    };
    const results = await Promise.all([cache.arn("s", load), cache.arn("s", load), cache.arn("s", load)]);
    expect(results).toEqual(["arn:1", "arn:1", "arn:1"]);
    expect(loads).toBe(1);
  });

  it("forgets a failed load so the next caller retries", async () => {
    const cache = new ChannelCache({ clock: fakeClock() });
    await expect(cache.endpoints("s", "VIEWER", () => Promise.reject(new Error("down")))).rejects.toThrow(
      "down",
    );
    await expect(cache.endpoints("s", "VIEWER", async () => ({ wss: "w", https: "h" }))).resolves.toEqual({
      wss: "w",
      https: "h",
    });
  });

  it("reuses ICE servers only while their credentials have enough lifetime left", async () => {
    const clock = fakeClock();
    const cache = new ChannelCache({ clock });
    let loads = 0;
    const load = async () => ({ servers: [{ urls: `turn:x?n=${++loads}` }], ttlSeconds: 300 });
    await cache.iceServers("s", load);
    clock.advance(239_000); // 300 s TTL, reused until 60 s remain
    expect((await cache.iceServers("s", load)).servers[0]?.urls).toBe("turn:x?n=1");
    clock.advance(2_000);
    expect((await cache.iceServers("s", load)).servers[0]?.urls).toBe("turn:x?n=2");
  });

  it("remembers ended sessions after clearing, and evicts least recently used channels", async () => {
    const cache = new ChannelCache({ clock: fakeClock(), maxChannels: 2 });
    cache.markEnded("gone");
    cache.clear();
    expect(cache.isEnded("gone")).toBe(true);
    let loads = 0;
    const load = async () => `arn:${++loads}`;
    await cache.arn("a", load);
    await cache.arn("b", load);
    await cache.arn("a", load); // touch a: b is now the oldest
    await cache.arn("c", load);
    expect(await cache.arn("a", load)).toBe("arn:1");
    expect(await cache.arn("b", load)).toBe("arn:4");
  });

  it("reuses a channel's admission briefly, then reads it again (other instances may have changed it)", async () => {
    const clock = fakeClock();
    const cache = new ChannelCache({ clock });
    let loads = 0;
    const load = async () => ({ linkId: `L${++loads}`, removed: new Set<string>() });
    cache.setAdmission("s", { linkId: "L0", removed: new Set() });
    expect((await cache.admission("s", load)).linkId).toBe("L0");
    clock.advance(ADMISSION_REUSE_MS + 1);
    expect((await cache.admission("s", load)).linkId).toBe("L1");
    expect((await cache.admission("s", load)).linkId).toBe("L1");
    expect(loads).toBe(1);
  });
});
