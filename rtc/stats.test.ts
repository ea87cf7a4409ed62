import { afterEach, describe, expect, it, vi } from "vitest";
import { readViewerStats, sampleViewerStats } from "./stats";

/** A Chromium-shaped report: inbound video and audio, codec, transport with its selected pair. */
function chromiumReport(t: number, videoBytes: number, frames: number, localType = "host") {
  const entries = [
    {
      id: "IV",
      type: "inbound-rtp",
      kind: "video",
      timestamp: t,
      bytesReceived: videoBytes,
      framesDecoded: frames,
      frameWidth: 1280,
      frameHeight: 720,
      framesPerSecond: 29.97,
      codecId: "C1",
    },
    { id: "IA", type: "inbound-rtp", kind: "audio", timestamp: t, bytesReceived: 1000 },
    { id: "C1", type: "codec", mimeType: "video/VP8" },
    { id: "T", type: "transport", selectedCandidatePairId: "P1" },
    { id: "P0", type: "candidate-pair", localCandidateId: "L1", remoteCandidateId: "R1", state: "failed" },
    {
      id: "P1",
      type: "candidate-pair",
      localCandidateId: "L0",
      remoteCandidateId: "R0",
      currentRoundTripTime: 0.0234,
    },
    { id: "L0", type: "local-candidate", candidateType: localType },
    { id: "L1", type: "local-candidate", candidateType: "relay" },
    { id: "R0", type: "remote-candidate", candidateType: "srflx" },
    { id: "R1", type: "remote-candidate", candidateType: "relay" },
  ];
  return new Map(entries.map((e) => [e.id, e]));
}

describe("readViewerStats", () => {
  it("reads resolution, fps, codec, RTT and a direct connection from the selected pair", () => {
    const stats = readViewerStats(null, chromiumReport(1000, 50_000, 30));
    expect(stats).toMatchObject({
      width: 1280,
      height: 720,
      fps: 29.97,
      codec: "VP8",
      rttMs: 23,
      connection: "direct",
      bytesReceived: 51_000,
    });
    expect(stats.bitrateKbps).toBeUndefined();
  });

  it("computes the bitrate of video and audio from the previous sample", () => {
    const first = readViewerStats(null, chromiumReport(1000, 50_000, 30));
    // 125,000 more video bytes in 1 s = 1,000 kbit/s.
    const second = readViewerStats(first, chromiumReport(2000, 175_000, 60));
    expect(second.bitrateKbps).toBe(1000);
  });

  it("says relay when the selected pair uses a TURN candidate", () => {
    expect(readViewerStats(null, chromiumReport(1000, 1, 1, "relay")).connection).toBe("relay");
  });

  it("finds Firefox's selected pair and derives fps from decoded frames", () => {
    const report = new Map<string, object>([
      ["V", { id: "V", type: "inbound-rtp", kind: "video", timestamp: 3000, framesDecoded: 75 }],
      [
        "P",
        { id: "P", type: "candidate-pair", selected: true, localCandidateId: "L", remoteCandidateId: "R" },
      ],
      ["L", { id: "L", type: "local-candidate", candidateType: "host" }],
      ["R", { id: "R", type: "remote-candidate", candidateType: "relay" }],
    ]);
    const prev = { timestamp: 2000, bytesReceived: 0, framesDecoded: 50 };
    const stats = readViewerStats(prev, report);
    expect(stats.fps).toBe(25);
    expect(stats.connection).toBe("relay");
    expect(stats.rttMs).toBeUndefined();
  });

  it("returns empty figures before any media arrives", () => {
    const stats = readViewerStats(null, new Map());
    expect(stats).toMatchObject({ bytesReceived: 0, framesDecoded: 0 });
    expect(stats.width).toBeUndefined();
    expect(stats.connection).toBeUndefined();
  });
});

describe("sampleViewerStats", () => {
  afterEach(() => vi.useRealTimers());

  it("samples at once and on every interval until stopped", async () => {
    vi.useFakeTimers();
    let t = 0;
    const pc = {
      getStats: async () => {
        t += 1000;
        return chromiumReport(t, t * 100, t / 40) as unknown as RTCStatsReport;
      },
    };
    const seen: number[] = [];
    const stop = sampleViewerStats(pc, (s) => seen.push(s.bitrateKbps ?? -1), 1000);
    await vi.advanceTimersByTimeAsync(2000);
    stop();
    await vi.advanceTimersByTimeAsync(3000);
    expect(seen).toEqual([-1, 800, 800]);
  });
});
