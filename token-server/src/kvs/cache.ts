import type { Clock } from "../clock.ts";
import { type IceServerBundle, iceReuseSeconds } from "./ice.ts";
import type { ChannelAdmission, ChannelRole } from "./port.ts";

export interface ChannelEndpoints {
  wss: string;
  https: string;
}

interface ChannelEntry {
  arn?: Promise<string>;
  endpoints: Partial<Record<ChannelRole, Promise<ChannelEndpoints>>>;
  ice?: Promise<IceServerBundle>;
  /** Epoch ms; Infinity while the fetch is in flight. */
  iceReuseUntil: number;
  admission?: Promise<ChannelAdmission>;
  /** Epoch ms; other instances may change the tags, so a read is trusted only this long. */
  admissionUntil: number;
}

/** How long a read of a channel's admission tags is reused before KVS is asked again. */
export const ADMISSION_REUSE_MS = 5_000;

/**
 * What a channel needs for a join — ARN, endpoints per role, ICE servers — kept as shared promises
 * so concurrent cold joins make one set of calls; failed loads are forgotten. Bounded (LRU), and it
 * remembers recently ended sessions so their viewers get a fast 410.
 */
export class ChannelCache {
  private readonly channels = new Map<string, ChannelEntry>();
  private readonly ended = new Set<string>();
  /** The most recently used channel: the last key of `channels`, when it is still there. */
  private newest: string | undefined;

  constructor(private readonly options: { clock: Clock; maxChannels?: number; maxEnded?: number }) {}

  arn(sessionId: string, load: () => Promise<string>): Promise<string> {
    const entry = this.entry(sessionId);
    if (entry.arn) return entry.arn;
    const loading = load();
    entry.arn = loading;
    loading.catch(() => {
      if (entry.arn === loading) entry.arn = undefined;
    });
    return loading;
  }

  endpoints(
    sessionId: string,
    role: ChannelRole,
    load: () => Promise<ChannelEndpoints>,
  ): Promise<ChannelEndpoints> {
    const entry = this.entry(sessionId);
    const cached = entry.endpoints[role];
    if (cached) return cached;
    const loading = load();
    entry.endpoints[role] = loading;
    loading.catch(() => {
      if (entry.endpoints[role] === loading) delete entry.endpoints[role];
    });
    return loading;
  }

  iceServers(sessionId: string, load: () => Promise<IceServerBundle>): Promise<IceServerBundle> {
    const entry = this.entry(sessionId);
    if (entry.ice && entry.iceReuseUntil > this.options.clock.now()) return entry.ice;
    const loading = load();
    entry.ice = loading;
    entry.iceReuseUntil = Number.POSITIVE_INFINITY;
    loading.then(
      (bundle) => {
        if (entry.ice === loading) {
          entry.iceReuseUntil = this.options.clock.now() + iceReuseSeconds(bundle.ttlSeconds) * 1000;
        }
      },
      () => {
        if (entry.ice === loading) entry.ice = undefined;
      },
    );
    return loading;
  }

  admission(sessionId: string, load: () => Promise<ChannelAdmission>): Promise<ChannelAdmission> {
    const entry = this.entry(sessionId);
    if (entry.admission && entry.admissionUntil > this.options.clock.now()) return entry.admission;
    const loading = load();
    this.setAdmission(sessionId, loading);
    loading.catch(() => {
      if (entry.admission === loading) entry.admission = undefined;
    });
    return loading;
  }

  /** What this instance just wrote (or read): trusted for `ADMISSION_REUSE_MS`. */
  setAdmission(sessionId: string, admission: ChannelAdmission | Promise<ChannelAdmission>): void {
    const entry = this.entry(sessionId);
    entry.admission = Promise.resolve(admission);
    entry.admissionUntil = this.options.clock.now() + ADMISSION_REUSE_MS;
  }

  markEnded(sessionId: string): void {
    this.channels.delete(sessionId);
    this.ended.add(sessionId);
    trim(this.ended, this.options.maxEnded ?? 10_000);
  }

  isEnded(sessionId: string): boolean {
    return this.ended.has(sessionId);
  }

  /** Drops cached channel data; ended sessions stay remembered. */
  clear(): void {
    this.channels.clear();
  }

  private entry(sessionId: string): ChannelEntry {
    let entry = this.channels.get(sessionId);
    // A join reads one channel four times: re-inserting an entry that is already the newest only
    // churns the Map (4 % of a join's CPU in a profile under load).
    if (entry && this.newest === sessionId) return entry;
    if (entry) {
      this.channels.delete(sessionId); // re-insert: Map order is the LRU order
    } else {
      entry = { endpoints: {}, iceReuseUntil: 0, admissionUntil: 0 };
    }
    this.channels.set(sessionId, entry);
    this.newest = sessionId;
    trim(this.channels, this.options.maxChannels ?? 5_000);
    return entry;
  }
}

function trim(collection: Map<string, unknown> | Set<string>, max: number): void {
  for (const key of collection.keys()) {
    if (collection.size <= max) return;
    collection.delete(key);
  }
}
