/**
 * What the viewer's stats overlay shows, read from `RTCPeerConnection.getStats()`.
 * `readViewerStats` is pure: give it the previous result to get rates (fps fallback, bitrate).
 * Rates use the sampler's own clock, not the report's `timestamp`: browsers do not agree on what
 * that stamps, and a timestamp that stands still between two samples left the bitrate empty.
 */
export interface ViewerStats {
  /** When the report was read, ms on the sampler's clock. */
  sampledAt: number;
  /**
   * Payload bytes received so far per inbound stream (kind and SSRC): the base of the next bitrate.
   * Per stream, so a stream that appears, vanishes or restarts (a reconnect) never makes it negative.
   */
  bytes: Record<string, number>;
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

export function readViewerStats(
  prev: ViewerStats | null,
  report: StatsReportLike,
  sampledAt: number,
): ViewerStats {
  const byId = new Map<string, Stats>();
  report.forEach((value) => {
    const stats = value as Stats;
    if (typeof stats.id === "string") byId.set(stats.id, stats);
  });
  const all = [...byId.values()];
  const inbound = all.filter((s) => s.type === "inbound-rtp");
  const video = inbound.find((s) => kindOf(s) === "video");

  const bytes: Record<string, number> = {};
  for (const s of inbound) {
    const received = num(s.bytesReceived);
    if (received !== undefined) bytes[`${kindOf(s)}:${s.ssrc ?? s.id}`] = received;
  }
  const framesDecoded = num(video?.framesDecoded) ?? 0;
  const stats: ViewerStats = { sampledAt, bytes, framesDecoded };

  stats.width = num(video?.frameWidth);
  stats.height = num(video?.frameHeight);
  const elapsedMs = prev ? sampledAt - prev.sampledAt : 0;
  const fresh = elapsedMs > 0 && prev !== null;
  stats.fps =
    num(video?.framesPerSecond) ??
    (fresh && framesDecoded >= prev.framesDecoded
      ? round(((framesDecoded - prev.framesDecoded) * 1000) / elapsedMs)
      : undefined);
  const grown = fresh ? bytesGrown(prev.bytes, bytes) : undefined;
  if (fresh && grown !== undefined) stats.bitrateKbps = Math.round((grown * 8) / elapsedMs);
  const codec = byId.get(String(video?.codecId));
  if (typeof codec?.mimeType === "string") stats.codec = codec.mimeType.replace(/^video\//i, "");

  const pair = selectedPair(all, byId);
  const rtt = num(pair?.currentRoundTripTime);
  if (rtt !== undefined) stats.rttMs = Math.round(rtt * 1000);
  const connection = connectionKind(pair, byId);
  if (connection) stats.connection = connection;
  return stats;
}

/** Firefox before `kind` named it `mediaType`. */
const kindOf = (s: Stats) => s.kind ?? s.mediaType;

/** Bytes added by the streams present in both samples; undefined when they have none in common. */
function bytesGrown(before: Record<string, number>, after: Record<string, number>): number | undefined {
  let grown: number | undefined;
  for (const [key, received] of Object.entries(after)) {
    const base = before[key];
    if (base !== undefined && received >= base) grown = (grown ?? 0) + received - base;
  }
  return grown;
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

/**
 * Samples `readViewerStats` at once, again after `firstIntervalMs` (so rates show soon after the
 * panel opens, not a second later), then every `intervalMs` until the returned function is called.
 */
export function sampleViewerStats(
  pc: Pick<RTCPeerConnection, "getStats">,
  onStats: (stats: ViewerStats) => void,
  options: { now?: () => number; intervalMs?: number; firstIntervalMs?: number } = {},
): () => void {
  const { now = () => performance.now(), intervalMs = 1000, firstIntervalMs = 250 } = options;
  let prev: ViewerStats | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sample = async (nextMs: number) => {
    const report = await pc.getStats().catch(() => null);
    if (stopped) return;
    if (report) {
      prev = readViewerStats(prev, report, now());
      onStats(prev);
    }
    timer = setTimeout(() => void sample(intervalMs), nextMs);
  };
  void sample(firstIntervalMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
