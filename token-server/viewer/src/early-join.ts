/**
 * The join's first attempt, started by a classic inline script at the top of the page
 * (`early-join-script.ts`) before the bundle is even parsed: the credential request at once, and
 * the connection (signaling socket, peer connection, offer) the moment the credentials arrive, so
 * the page's own loading is off the join's path. The bundle takes both over once, for the same link.
 */

import { type ParsedViewerLink, parseViewerLink } from "../../../protocol/link";
import type { connectViewer } from "../../../rtc/viewer";
import { type HeldConnection, holdConnection } from "./held-connection";
import { requestViewerCredentials } from "./join-client";
import { loadViewerId } from "./viewer-id";
import type { JoinResult } from "./watch";

export interface EarlyJoin extends ParsedViewerLink {
  viewerId: string;
  result: Promise<JoinResult>;
  /** `performance.now()` when the answer arrived: the join timeline's credentials mark. */
  answeredAt?: number;
  /** The first connection attempt, once the credentials are in; its events wait for the bundle. */
  connection?: HeldConnection;
}

/** `connectViewer`, which the inline script also lends the bundle (see `early-join-script.ts`). */
export type ConnectViewer = typeof connectViewer;

declare global {
  interface Window {
    /** Where the early script leaves its request for the bundle. */
    beamEarlyJoin?: EarlyJoin;
    /** The one copy of the connection code (and the KVS SDK) on the page, in the inline script. */
    beamConnectViewer?: ConnectViewer;
  }
}

/** What the early script needs from `window`. */
export interface EarlyJoinHost {
  location: { pathname: string; hash: string };
  localStorage: Pick<Storage, "getItem" | "setItem">;
  crypto: Pick<Crypto, "getRandomValues">;
  fetch: typeof fetch;
  performance: { now(): number };
  RTCPeerConnection?: unknown;
  beamEarlyJoin?: EarlyJoin;
}

export function startEarlyJoin(host: EarlyJoinHost, connect: ConnectViewer): void {
  const link = parseViewerLink(host.location);
  // Nothing to ask for: the bundle says why (bad link, no WebRTC).
  if (!link || typeof host.RTCPeerConnection !== "function") return;
  const viewerId = loadViewerId(
    () => host.localStorage,
    (length) => host.crypto.getRandomValues(new Uint8Array(length)),
  );
  const body = { token: link.token, viewerId };
  const join: EarlyJoin = {
    ...link,
    viewerId,
    result: requestViewerCredentials(host.fetch.bind(host), link.sessionId, body).then((result) => {
      join.answeredAt = host.performance.now();
      if (result.ok) join.connection = holdConnection((handlers) => connect(result.credentials, handlers));
      return result;
    }),
  };
  host.beamEarlyJoin = join;
}

/** The early request if it was made for this link; only the first caller gets it. */
export function takeEarlyJoin(host: Pick<EarlyJoinHost, "beamEarlyJoin">, link: ParsedViewerLink) {
  const join = host.beamEarlyJoin;
  host.beamEarlyJoin = undefined;
  return join?.sessionId === link.sessionId && join.token === link.token ? join : undefined;
}
