import type { Tag } from "@aws-sdk/client-kinesis-video";
import type { NewSessionChannel } from "./port.ts";

/** Tag keys on every Beam channel; the janitor finds expired channels by these alone. */
export const BEAM_TAG = {
  creator: "beam:creator",
  source: "beam:source",
  expiresAt: "beam:expires-at",
  /** The current viewer link id (see admission.ts); a new link replaces it. */
  link: "beam:link",
} as const;

export const BEAM_CREATOR = "beam";

export function sessionChannelTags(channel: NewSessionChannel): Tag[] {
  return [
    { Key: BEAM_TAG.creator, Value: BEAM_CREATOR },
    { Key: BEAM_TAG.source, Value: channel.source },
    { Key: BEAM_TAG.expiresAt, Value: String(channel.expiresAt) },
    ...(channel.linkId ? [{ Key: BEAM_TAG.link, Value: channel.linkId }] : []),
  ];
}

export function channelName(prefix: string, sessionId: string): string {
  return `${prefix}${sessionId}`;
}
