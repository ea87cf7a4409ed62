import type { SignalingCredentials, Source } from "../../../protocol/api.ts";

export type KvsMode = "aws" | "emulator";
export type ChannelRole = "MASTER" | "VIEWER";

export interface NewSessionChannel {
  sessionId: string;
  source: Source;
  /** Epoch seconds; recorded as a tag so a janitor can delete expired channels without local state. */
  expiresAt: number;
  /** The first viewer link's id, recorded as a tag; viewer tokens carry it (none: any link admits). */
  linkId?: string;
}

/** Who a session still admits (kept in channel tags, see admission.ts). */
export interface ChannelAdmission {
  /** The link id viewer tokens must carry; undefined for channels made before link ids existed. */
  linkId?: string;
  removed: ReadonlySet<string>;
}

export interface ChannelCredentials extends SignalingCredentials {
  channelArn: string;
}

/** A channel found by name prefix: what the janitor needs to pick the oldest ones. */
export interface ListedChannel {
  name: string;
  arn: string;
  /** ms epoch; 0 when KVS did not say. */
  createdAt: number;
  /** Already being deleted: nothing left to do. */
  deleting: boolean;
}

/** What deleting a channel by ARN came to: gone (someone else deleted it) and busy (in use) are not failures. */
export type DeleteOutcome = "deleted" | "gone" | "busy";

/**
 * What the HTTP routes need from Kinesis Video Streams, one method per use case. Session ids, not
 * channel names or ARNs, cross this boundary. Failures are `BeamError`s: `session_ended` for a
 * channel that is gone, `kvs_*` for AWS trouble.
 */
export interface KvsBackend {
  readonly mode: KvsMode;
  readonly region: string;
  /** Creates the channel and warms the caches so that the first viewer join makes no AWS call. */
  createSessionChannel(channel: NewSessionChannel): Promise<{ channelArn: string }>;
  masterCredentials(sessionId: string): Promise<ChannelCredentials>;
  viewerCredentials(sessionId: string, clientId: string): Promise<ChannelCredentials>;
  /** Beam channels (by name prefix) that exist now, counting stops at `upTo`: one paginated List call. */
  countSessionChannels(upTo: number): Promise<number>;
  /** Which link and viewers the session still admits (channel tags, briefly cached). */
  admission(sessionId: string): Promise<ChannelAdmission>;
  /** Makes `linkId` the only link that admits new viewers. */
  replaceLink(sessionId: string, linkId: string): Promise<void>;
  /** Refuses `clientId` for the rest of the session; idempotent; `removal_limit` (409) when full. */
  removeViewer(sessionId: string, clientId: string): Promise<void>;
  /** Idempotent: deleting a channel that is already gone succeeds. */
  deleteChannel(sessionId: string): Promise<void>;
  /** Beam channels by name prefix, oldest pages first: at most `maxPages` List calls of `pageSize`. */
  listSessionChannels(options?: { pageSize?: number; maxPages?: number }): Promise<ListedChannel[]>;
  /** A channel's tags by ARN (the janitor reads expiry there); undefined when the channel is gone. */
  channelTags(channelArn: string): Promise<Record<string, string> | undefined>;
  /** Deletes a channel by ARN without waiting out ResourceInUse: the janitor retries on its next run. */
  deleteChannelArn(channelArn: string): Promise<DeleteOutcome>;
  /** Drops cached channel data (not the ended-session memory); used for cold-path tests. */
  clearCache(): void;
}
