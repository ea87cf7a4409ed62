/**
 * What the popup's viewer list shows about one viewer, read on the master's side from
 * `RTCPeerConnection.getStats()`: how it is connected and the bitrate sent to it. Pure.
 */
import { connectionKind, type Stats, type StatsReportLike, selectedPair } from "./stats.ts";

export interface SenderStats {
  /** ms, from the report. */
  timestamp: number;
  bytesSent: number;
  bitrateKbps?: number;
  connection?: "direct" | "relay";
}

export function readSenderStats(prev: SenderStats | null, report: StatsReportLike): SenderStats {
  const byId = new Map<string, Stats>();
  report.forEach((value) => {
    const stats = value as Stats;
    if (typeof stats.id === "string") byId.set(stats.id, stats);
  });
  const all = [...byId.values()];
  const outbound = all.filter((s) => s.type === "outbound-rtp");
  const bytesSent = outbound.reduce((sum, s) => sum + (typeof s.bytesSent === "number" ? s.bytesSent : 0), 0);
  const stamps = all.map((s) => s.timestamp).filter((t): t is number => typeof t === "number");
  const timestamp = stamps.length > 0 ? Math.max(...stamps) : (prev?.timestamp ?? 0);
  const stats: SenderStats = { timestamp, bytesSent };
  const elapsedMs = prev ? timestamp - prev.timestamp : 0;
  if (prev && elapsedMs > 0 && bytesSent >= prev.bytesSent) {
    stats.bitrateKbps = Math.round(((bytesSent - prev.bytesSent) * 8) / elapsedMs);
  }
  const connection = connectionKind(selectedPair(all, byId), byId);
  if (connection) stats.connection = connection;
  return stats;
}
