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
  /** Drops cached channel data (not the ended-session memory); used for cold-path tests. */
  clearCache(): void;
}
