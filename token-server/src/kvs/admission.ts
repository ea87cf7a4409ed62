/**
 * Who a session still admits, kept where KVS lets us keep state: tags on the session's channel.
 * `beam:link` holds the current viewer link id (a new link replaces it); each removed viewer is one
 * `beam:removed:<clientId>` tag, so a removal is a single TagResource call with no read-modify-write.
 * Tags survive a token-server restart and are shared by every instance; reads are cached for a few
 * seconds so a warm join makes no KVS call. KVS allows 50 tags per channel: removals are capped.
 */
import { BeamError } from "../../../protocol/errors.ts";
import type { ChannelAdmission } from "./port.ts";
import { BEAM_TAG } from "./tags.ts";

const REMOVED_PREFIX = "beam:removed:";

/** Leaves room for Beam's other tags (and a few spare) under KVS's 50-tag limit. */
export const MAX_REMOVED_VIEWERS = 40;

export function removedViewerTag(clientId: string): { Key: string; Value: string } {
  return { Key: `${REMOVED_PREFIX}${clientId}`, Value: "1" };
}

export function linkTag(linkId: string): { Key: string; Value: string } {
  return { Key: BEAM_TAG.link, Value: linkId };
}

export function admissionFromTags(tags: Record<string, string | undefined>): ChannelAdmission {
  const removed = new Set<string>();
  for (const key of Object.keys(tags)) {
    if (key.startsWith(REMOVED_PREFIX)) removed.add(key.slice(REMOVED_PREFIX.length));
  }
  const linkId = tags[BEAM_TAG.link];
  return linkId ? { linkId, removed } : { removed };
}

/** Throws the 4xx a viewer gets when the session no longer admits it. */
export function checkAdmission(
  admission: ChannelAdmission,
  linkId: string | undefined,
  clientId: string,
): void {
  if (admission.linkId !== linkId) {
    throw new BeamError("link_replaced", "The sharer made a new link; this one no longer works.");
  }
  if (admission.removed.has(clientId)) {
    throw new BeamError("viewer_removed", "The sharer removed this viewer from the share.");
  }
}

export function withRemoved(admission: ChannelAdmission, clientId: string): ChannelAdmission {
  if (admission.removed.has(clientId)) return admission;
  if (admission.removed.size >= MAX_REMOVED_VIEWERS) {
    throw new BeamError(
      "removal_limit",
      `A share can remove at most ${MAX_REMOVED_VIEWERS} viewers; make a new link instead.`,
    );
  }
  return { ...admission, removed: new Set([...admission.removed, clientId]) };
}
