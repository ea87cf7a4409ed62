import { afterEach, describe, expect, it, vi } from "vitest";
import { readViewerStats, sampleViewerStats } from "./stats";

/** A Chromium-shaped report: inbound video and audio, codec, transport with its selected pair. */
function chromiumReport(t: number, videoBytes: number, frames: number, localType = "host") {
  const entries = [
    {
      id: "IV",
      type: "inbound-rtp",
      kind: "video",
      ssrc: 1,
      timestamp: t,
      bytesReceived: videoBytes,
      framesDecoded: frames,
      frameWidth: 1280,
      frameHeight: 720,
      framesPerSecond: 29.97,
      codecId: "C1",
    },
    { id: "IA", type: "inbound-rtp", kind: "audio", ssrc: 2, timestamp: t, bytesReceived: 1000 },
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

/** Firefox-shaped inbound video (and audio): a timestamp that need not move between samples. */
const firefoxVideo = (t: number, bytes: number) => ({
  id: "V",
  type: "inbound-rtp",
  kind: "video",
  ssrc: 11,
  timestamp: t,
  bytesReceived: bytes,
  framesDecoded: 30,
});

function firefoxReport(t: number, videoBytes: number, audioBytes: number, withAudio = true) {
  const audio = {
    id: "A",
    type: "inbound-rtp",
    kind: "audio",
    ssrc: 12,
    timestamp: t,
    bytesReceived: audioBytes,
  };
  return new Map<string, object>([
    ["V", firefoxVideo(t, videoBytes)],
    ...(withAudio ? [["A", audio] as const] : []),
  ]);
}

describe("readViewerStats", () => {
  it("reads resolution, fps, codec, RTT and a direct connection from the selected pair", () => {
    const stats = readViewerStats(null, chromiumReport(1000, 50_000, 30), 5);
    expect(stats).toMatchObject({
      width: 1280,
      height: 720,
      fps: 29.97,
      codec: "VP8",
      rttMs: 23,
      connection: "direct",
      bytes: { "video:1": 50_000, "audio:2": 1000 },
    });
    expect(stats.bitrateKbps).toBeUndefined();
  });

  it("computes the bitrate of video and audio from the previous sample", () => {
    const first = readViewerStats(null, chromiumReport(1000, 50_000, 30), 10_000);
    // 125,000 more video bytes in 1 s = 1,000 kbit/s.
    const second = readViewerStats(first, chromiumReport(2000, 175_000, 60), 11_000);
    expect(second.bitrateKbps).toBe(1000);
  });

  it("measures the bitrate on the sampler's clock when the report's timestamps stand still", () => {
    const first = readViewerStats(null, firefoxReport(5_000, 40_000, 10_000), 100);
    const second = readViewerStats(first, firefoxReport(5_000, 85_000, 14_000), 1100);
    // 45,000 video + 4,000 audio bytes in 1 s.
    expect(second.bitrateKbps).toBe(392);
  });

  it("counts only the streams both samples share: one appearing or restarting is not negative", () => {
    const first = readViewerStats(null, firefoxReport(1, 40_000, 0, false), 0);
    const withAudio = readViewerStats(first, firefoxReport(2, 65_000, 9_000), 1000);
    expect(withAudio.bitrateKbps).toBe(200);
    // A new peer connection after a reconnect: new SSRCs, counters from zero.
    const restarted = new Map([["V", { ...firefoxVideo(3, 2_000), ssrc: 99 }]]);
    expect(readViewerStats(withAudio, restarted, 2000).bitrateKbps).toBeUndefined();
  });

  it("has no rate from a single sample or a clock that did not move", () => {
    const first = readViewerStats(null, chromiumReport(1000, 50_000, 30), 10);
    expect(readViewerStats(first, chromiumReport(2000, 90_000, 60), 10).bitrateKbps).toBeUndefined();
  });

  it("says relay when the selected pair uses a TURN candidate", () => {
    expect(readViewerStats(null, chromiumReport(1000, 1, 1, "relay"), 0).connection).toBe("relay");
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
    const prev = { sampledAt: 2000, bytes: {}, framesDecoded: 50 };
    const stats = readViewerStats(prev, report, 3000);
    expect(stats.fps).toBe(25);
    expect(stats.connection).toBe("relay");
    expect(stats.rttMs).toBeUndefined();
  });

  it("returns empty figures before any media arrives", () => {
    const stats = readViewerStats(null, new Map(), 0);
    expect(stats).toMatchObject({ bytes: {}, framesDecoded: 0 });
    expect(stats.width).toBeUndefined();
    expect(stats.connection).toBeUndefined();
  });
});

describe("sampleViewerStats", () => {
  afterEach(() => vi.useRealTimers());

  it("samples at once, soon after, then on every interval until stopped", async () => {
    vi.useFakeTimers();
    // 100 video bytes per ms = 800 kbit/s, whatever the report's own timestamp says.
    const pc = {
      getStats: async () => chromiumReport(7, Date.now() * 100, 1) as unknown as RTCStatsReport,
    };
    const seen: [number, number][] = [];
    const stop = sampleViewerStats(pc, (s) => seen.push([s.sampledAt, s.bitrateKbps ?? -1]), {
      now: () => Date.now(),
    });
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(2250);
    stop();
    await vi.advanceTimersByTimeAsync(3000);
    expect(seen.map(([at, kbps]) => [at - start, kbps])).toEqual([
      [0, -1],
      [250, 800],
      [1250, 800],
      [2250, 800],
    ]);
  });
});
