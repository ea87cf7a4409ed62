import { randomInt } from "node:crypto";
import { KvsError, notFound } from "./errors.ts";

export interface ChannelRecord {
  readonly name: string;
  readonly arn: string;
  readonly type: "SINGLE_MASTER" | "FULL_MESH";
  readonly creationTimeMs: number;
  messageTtlSeconds: number;
  version: string;
  readonly tags: Map<string, string>;
}

export interface Tag {
  Key: string;
  Value?: string | undefined;
}

const MAX_TAGS = 50;
const VERSION_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Real versions are 20 alphanumeric characters, e.g. `3Ikjs9sOSk6Q4Alisl0d`. */
function newVersion(): string {
  return Array.from({ length: 20 }, () => VERSION_ALPHABET[randomInt(VERSION_ALPHABET.length)]).join("");
}

/** The account's signaling channels in one region. Input is validated by the control plane beforehand. */
export class ChannelStore {
  private readonly byName = new Map<string, ChannelRecord>();

  constructor(
    private readonly arnPrefix: string,
    private readonly clock: () => number,
    private readonly maxChannels: number,
    /** Called after every change with all channels (the emulator saves them there). */
    private readonly onChange: (channels: Iterable<ChannelRecord>) => void = () => {},
  ) {}

  /** Puts back saved channels; ones of another account or region are left out. */
  restore(channels: readonly ChannelRecord[]): number {
    for (const channel of channels) {
      if (channel.arn === `${this.arnPrefix}channel/${channel.name}/${channel.creationTimeMs}`) {
        this.byName.set(channel.name, channel);
      }
    }
    return this.byName.size;
  }

  private changed(): void {
    this.onChange(this.byName.values());
  }

  create(input: {
    name: string;
    type: ChannelRecord["type"];
    ttlSeconds: number;
    tags: Tag[];
  }): ChannelRecord {
    if (this.byName.has(input.name)) {
      throw new KvsError("ResourceInUseException", `The signaling channel ${input.name} already exists.`);
    }
    if (this.byName.size >= this.maxChannels) {
      throw new KvsError(
        "AccountChannelLimitExceededException",
        "You have reached the maximum limit of active signaling channels for this AWS account.",
      );
    }
    const tags = new Map(input.tags.map((t) => [t.Key, t.Value ?? ""]));
    if (tags.size > MAX_TAGS) throw tooManyTags();
    const creationTimeMs = this.clock();
    const channel: ChannelRecord = {
      name: input.name,
      arn: `${this.arnPrefix}channel/${input.name}/${creationTimeMs}`,
      type: input.type,
      creationTimeMs,
      messageTtlSeconds: input.ttlSeconds,
      version: newVersion(),
      tags,
    };
    this.byName.set(channel.name, channel);
    this.changed();
    return channel;
  }

  /** Looks a channel up by name and/or ARN; both given must name the same channel. */
  find(ref: { name?: string | undefined; arn?: string | undefined }): ChannelRecord {
    const byArn = ref.arn === undefined ? undefined : this.findByArn(ref.arn);
    const channel = ref.name === undefined ? byArn : this.byName.get(ref.name);
    if (!channel || (ref.arn !== undefined && byArn !== channel)) throw notFound();
    return channel;
  }

  findByName(name: string): ChannelRecord | undefined {
    return this.byName.get(name);
  }

  findByArn(arn: string): ChannelRecord | undefined {
    const name = arn.startsWith(`${this.arnPrefix}channel/`) ? arn.split("/")[1] : undefined;
    const channel = name === undefined ? undefined : this.byName.get(name);
    return channel?.arn === arn ? channel : undefined;
  }

  update(arn: string, currentVersion: string, ttlSeconds: number | undefined): void {
    const channel = this.find({ arn });
    checkVersion(channel, currentVersion);
    if (ttlSeconds !== undefined) channel.messageTtlSeconds = ttlSeconds;
    channel.version = newVersion();
    this.changed();
  }

  delete(arn: string, currentVersion: string | undefined): ChannelRecord {
    const channel = this.find({ arn });
    if (currentVersion !== undefined) checkVersion(channel, currentVersion);
    this.byName.delete(channel.name);
    this.changed();
    return channel;
  }

  /** Channels sorted by name, after `startAfter`, whose name begins with `prefix`. */
  list(
    prefix: string,
    startAfter: string | undefined,
    max: number,
  ): { channels: ChannelRecord[]; more: boolean } {
    const matching = [...this.byName.values()]
      .filter((c) => c.name.startsWith(prefix) && (startAfter === undefined || c.name > startAfter))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    return { channels: matching.slice(0, max), more: matching.length > max };
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  tag(arn: string, tags: Tag[]): void {
    const channel = this.find({ arn });
    const merged = new Map(channel.tags);
    for (const t of tags) merged.set(t.Key, t.Value ?? "");
    if (merged.size > MAX_TAGS) throw tooManyTags();
    for (const [k, v] of merged) channel.tags.set(k, v);
    this.changed();
  }

  untag(arn: string, keys: string[]): void {
    const channel = this.find({ arn });
    for (const key of keys) channel.tags.delete(key);
    this.changed();
  }
}

function checkVersion(channel: ChannelRecord, currentVersion: string): void {
  if (channel.version !== currentVersion) {
    throw new KvsError(
      "VersionMismatchException",
      `The current version ${currentVersion} does not match the channel's version ${channel.version}.`,
    );
  }
}

function tooManyTags(): KvsError {
  return new KvsError(
    "TagsPerResourceExceededLimitException",
    "The resource would exceed the limit of 50 tags.",
  );
}
