/**
 * KVS quotas the emulator enforces. Defaults are the documented service values
 * ("Amazon Kinesis Video Streams with WebRTC service quotas", kvswebrtc-limits; see kvs-protocol.md §1.2, §3.6).
 */
export interface EmulatorLimits {
  /** ConnectAsMaster concurrent connections per channel (hard 1): the newest master wins, the old socket is closed. */
  mastersPerChannel: number;
  /** ConnectAsViewer concurrent connections per channel (soft 10). */
  viewersPerChannel: number;
  /** ConnectAsMaster / ConnectAsViewer TPS per channel, counted per role. */
  connectsPerSecondPerChannel: number;
  /** Per-WebSocket message rates. */
  messagesPerSecond: { SDP_OFFER: number; SDP_ANSWER: number; ICE_CANDIDATE: number };
  /** Max base64 `messagePayload` length ("10K"); 0 disables the check. */
  maxPayloadChars: number;
  /**
   * Largest WebSocket message read at all: a bigger one closes the socket with 1009 as soon as its
   * header announces it, before it is buffered. Well above `maxPayloadChars` plus the JSON around it,
   * so a message modestly over the payload limit still gets KVS's STATUS_RESPONSE.
   */
  maxFrameBytes: number;
  idleTimeoutMs: number;
  maxConnectionMs: number;
  /** GO_AWAY is sent this long before a connection reaches maxConnectionMs (service: up to 1 minute). */
  goAwayGraceMs: number;
  /** MessageTtlSeconds when CreateSignalingChannel does not give one. */
  defaultMessageTtlSeconds: number;
  /**
   * Per-account TPS of each control-plane operation (documented: 50 for Create/List/Delete/Update/tags).
   * DescribeSignalingChannel and GetSignalingChannelEndpoint get 6× this (documented 300). 0 disables.
   */
  controlPlaneTps: number;
  /** Per-channel TPS of Describe/Delete/Update/tag operations and GetIceServerConfig (documented 5). 0 disables. */
  controlPlaneTpsPerChannel: number;
  /** Channels per account and region (10,000 in us-east-1 / us-west-2). */
  channelsPerAccount: number;
}

export const DEFAULT_LIMITS: EmulatorLimits = {
  mastersPerChannel: 1,
  viewersPerChannel: 10,
  connectsPerSecondPerChannel: 3,
  messagesPerSecond: { SDP_OFFER: 5, SDP_ANSWER: 5, ICE_CANDIDATE: 20 },
  maxPayloadChars: 10_000,
  maxFrameBytes: 32 * 1024,
  idleTimeoutMs: 600_000,
  maxConnectionMs: 3_600_000,
  goAwayGraceMs: 60_000,
  defaultMessageTtlSeconds: 60,
  controlPlaneTps: 50,
  controlPlaneTpsPerChannel: 5,
  channelsPerAccount: 10_000,
};

/** Partial limits; `messagesPerSecond` may itself be partial. */
export type LimitOverrides = Partial<Omit<EmulatorLimits, "messagesPerSecond">> & {
  messagesPerSecond?: Partial<EmulatorLimits["messagesPerSecond"]>;
};

export function resolveLimits(overrides: LimitOverrides = {}): EmulatorLimits {
  return {
    ...DEFAULT_LIMITS,
    ...overrides,
    messagesPerSecond: { ...DEFAULT_LIMITS.messagesPerSecond, ...overrides.messagesPerSecond },
  };
}

/**
 * One-second sliding window: returns the kept timestamps (including `now` when allowed).
 * A limit of 0 or less means unlimited.
 */
export function admitInWindow(
  timestamps: readonly number[],
  now: number,
  limit: number,
): { allowed: boolean; timestamps: number[] } {
  const recent = timestamps.filter((t) => now - t < 1000);
  if (limit > 0 && recent.length >= limit) return { allowed: false, timestamps: recent };
  return { allowed: true, timestamps: [...recent, now] };
}

/**
 * Mutable keyed rate limiter for the control plane, built on the same window. Keys are per channel,
 * so once a second the keys whose window has passed are forgotten: deleted or idle channels cost nothing.
 */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  private sweptAt = 0;

  allow(key: string, now: number, limit: number): boolean {
    if (now - this.sweptAt >= 1000) this.sweep(now);
    const result = admitInWindow(this.windows.get(key) ?? [], now, limit);
    this.windows.set(key, result.timestamps);
    return result.allowed;
  }

  get size(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    this.sweptAt = now;
    for (const [key, timestamps] of this.windows) {
      if (timestamps.every((t) => now - t >= 1000)) this.windows.delete(key);
    }
  }
}
