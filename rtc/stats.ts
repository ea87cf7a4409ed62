/**
 * What the viewer's stats overlay shows, read from `RTCPeerConnection.getStats()`.
 * `readViewerStats` is pure: give it the previous result to get rates (fps fallback, bitrate).
 */
export interface ViewerStats {
  /** `RTCStats.timestamp` of the inbound video, in ms. */
  timestamp: number;
  /** Video + audio payload bytes received so far; the base of the next bitrate. */
  bytesReceived: number;
  framesDecoded: number;
  width?: number;
  height?: number;
  fps?: number;
  bitrateKbps?: number;
  rttMs?: number;
  connection?: "direct" | "relay";
  codec?: string;
}

/** Both `RTCStatsReport` and a plain `Map` of stats objects. */
export interface StatsReportLike {
  forEach(callback: (value: unknown) => void): void;
}

export type Stats = Record<string, unknown> & { id?: string; type?: string };

const num = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;

export function readViewerStats(prev: ViewerStats | null, report: StatsReportLike): ViewerStats {
  const byId = new Map<string, Stats>();
  report.forEach((value) => {
    const stats = value as Stats;
    if (typeof stats.id === "string") byId.set(stats.id, stats);
  });
  const all = [...byId.values()];
  const inbound = all.filter((s) => s.type === "inbound-rtp");
  const video = inbound.find((s) => s.kind === "video");

  const timestamp = num(video?.timestamp) ?? num(inbound[0]?.timestamp) ?? prev?.timestamp ?? 0;
  const bytesReceived = inbound.reduce((sum, s) => sum + (num(s.bytesReceived) ?? 0), 0);
  const framesDecoded = num(video?.framesDecoded) ?? 0;
  const stats: ViewerStats = { timestamp, bytesReceived, framesDecoded };

  stats.width = num(video?.frameWidth);
  stats.height = num(video?.frameHeight);
  const elapsedMs = prev ? timestamp - prev.timestamp : 0;
  const fresh = elapsedMs > 0 && prev !== null;
  stats.fps =
    num(video?.framesPerSecond) ??
    (fresh ? round(((framesDecoded - prev.framesDecoded) * 1000) / elapsedMs) : undefined);
  if (fresh && bytesReceived >= prev.bytesReceived) {
    stats.bitrateKbps = Math.round(((bytesReceived - prev.bytesReceived) * 8) / elapsedMs);
  }
  const codec = byId.get(String(video?.codecId));
  if (typeof codec?.mimeType === "string") stats.codec = codec.mimeType.replace(/^video\//i, "");

  const pair = selectedPair(all, byId);
  const rtt = num(pair?.currentRoundTripTime);
  if (rtt !== undefined) stats.rttMs = Math.round(rtt * 1000);
  const connection = connectionKind(pair, byId);
  if (connection) stats.connection = connection;
  return stats;
}

/** Relay when either end of the pair is a TURN candidate; undefined until both ends are known. */
export function connectionKind(
  pair: Stats | undefined,
  byId: Map<string, Stats>,
): "direct" | "relay" | undefined {
  if (!pair) return undefined;
  const types = [pair.localCandidateId, pair.remoteCandidateId].map(
    (id) => byId.get(String(id))?.candidateType,
  );
  if (!types.every((t) => typeof t === "string")) return undefined;
  return types.includes("relay") ? "relay" : "direct";
}

/** Chromium names it on the transport; Firefox flags it `selected`; else the nominated succeeded pair. */
export function selectedPair(all: Stats[], byId: Map<string, Stats>): Stats | undefined {
  const transport = all.find((s) => s.type === "transport" && typeof s.selectedCandidatePairId === "string");
  if (transport) return byId.get(transport.selectedCandidatePairId as string);
  const pairs = all.filter((s) => s.type === "candidate-pair");
  return (
    pairs.find((s) => s.selected === true) ??
    pairs.find((s) => s.nominated === true && s.state === "succeeded")
  );
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Samples `readViewerStats` every `intervalMs` until the returned function is called. */
export function sampleViewerStats(
  pc: Pick<RTCPeerConnection, "getStats">,
  onStats: (stats: ViewerStats) => void,
  intervalMs = 1000,
): () => void {
  let prev: ViewerStats | null = null;
  let stopped = false;
  const sample = async () => {
    const report = await pc.getStats().catch(() => null);
    if (stopped || !report) return;
    prev = readViewerStats(prev, report);
    onStats(prev);
  };
  void sample();
  const timer = setInterval(sample, intervalMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
