import { describe, expect, it } from "vitest";
import { readSenderStats } from "./sender-stats.ts";

const report = (bytesVideo: number, bytesAudio: number, timestamp: number, remoteType = "host") =>
  new Map<string, Record<string, unknown>>([
    ["v", { id: "v", type: "outbound-rtp", kind: "video", bytesSent: bytesVideo, timestamp }],
    ["a", { id: "a", type: "outbound-rtp", kind: "audio", bytesSent: bytesAudio, timestamp }],
    ["t", { id: "t", type: "transport", selectedCandidatePairId: "p", timestamp }],
    ["p", { id: "p", type: "candidate-pair", localCandidateId: "l", remoteCandidateId: "r", timestamp }],
    ["l", { id: "l", type: "local-candidate", candidateType: "host", timestamp }],
    ["r", { id: "r", type: "remote-candidate", candidateType: remoteType, timestamp }],
  ]);

describe("readSenderStats", () => {
  it("sums the bytes sent and says how the viewer is connected", () => {
    const first = readSenderStats(null, report(1000, 200, 1000));
    expect(first).toEqual({ timestamp: 1000, bytesSent: 1200, connection: "direct" });
  });

  it("gives the bitrate between two samples", () => {
    const first = readSenderStats(null, report(1000, 200, 1000));
    // 250 000 bytes more in 2 s = 1000 kbit/s.
    expect(readSenderStats(first, report(251_000, 200, 3000)).bitrateKbps).toBe(1000);
  });

  it("reads a TURN candidate as relay and tolerates an empty report", () => {
    expect(readSenderStats(null, report(0, 0, 1, "relay")).connection).toBe("relay");
    expect(readSenderStats(null, new Map())).toEqual({ timestamp: 0, bytesSent: 0 });
  });
});
