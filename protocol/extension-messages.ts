/**
 * Every runtime message between the extension's surfaces, as one discriminated union per receiver.
 * `chrome.runtime.sendMessage` reaches every extension page at once, so each message names its
 * receiver in `to` and every listener ignores the others.
 *
 * Reading the share state needs no message: it lives in `chrome.storage.session` under the key
 * `share` (see `ShareState`), including `peers`, the master's connected viewer count. Tests may
 * also send `{ to: "background", type: "share:get" }` and get the `ShareState` back.
 */
import type { SignalingCredentials } from "./api.ts";
import type { Quality } from "./quality.ts";
import type { ShareError, ShareSource, ShareState } from "./share.ts";

/** Popup, permission page and offscreen document → background. */
export type BackgroundMessage =
  | { to: "background"; type: "share:get" }
  /** `tabId` of the tab the popup was opened on (required for `tab`). Replies with the new state. */
  | { to: "background"; type: "share:start"; source: ShareSource; tabId?: number }
  | { to: "background"; type: "share:stop" }
  /** Live: share another source on the same connections (`tabId` of the popup's tab for `tab`). */
  | { to: "background"; type: "share:switch"; source: ShareSource; tabId?: number }
  | { to: "background"; type: "share:pause"; paused: boolean }
  | { to: "background"; type: "share:mute"; muted: boolean }
  | { to: "background"; type: "share:ask"; enabled: boolean }
  | { to: "background"; type: "share:admit"; clientId: string; allow: boolean }
  /** Closes the viewer's connection and has the server refuse its viewer id from now on. */
  | { to: "background"; type: "share:remove"; clientId: string }
  /** A new viewer link; the old one stops admitting. With `removeClientId`, removes that viewer first. */
  | { to: "background"; type: "share:new-link"; removeClientId?: string }
  /** Leaves `ended` / `failed` for `idle`. */
  | { to: "background"; type: "share:reset" }
  | { to: "background"; type: "permission:result"; granted: boolean }
  | { to: "background"; type: "master:peers"; count: number }
  | { to: "background"; type: "master:signaling"; state: "open" | "reconnecting" }
  /** The master needs a fresh presigned URL; replies `CredentialsReply`. */
  | { to: "background"; type: "master:credentials" }
  /** The capture stopped on its own (tab closed, Chrome's "Stop sharing", device unplugged). */
  | { to: "background"; type: "master:capture-ended" }
  | { to: "background"; type: "master:failed"; error: ShareError }
  | { to: "background"; type: "master:join-request"; clientId: string }
  | { to: "background"; type: "master:join-settled"; clientId: string };

export type CaptureRequest =
  | { source: "tab"; streamId: string }
  | { source: "camera" }
  | { source: "screen" };

export type CameraPermission = "granted" | "prompt" | "denied";

/** Background → offscreen document (the master). */
export type OffscreenMessage =
  /** Replies `Reply<null>` once capture runs and signaling is opening. */
  | {
      to: "offscreen";
      type: "master:start";
      capture: CaptureRequest;
      quality: Quality;
      channelArn: string;
      region: string;
      credentials: SignalingCredentials;
      askBeforeJoin: boolean;
    }
  /** Replies `Reply<null>` once every viewer gets the new source and the old capture is stopped. */
  | { to: "offscreen"; type: "master:switch"; capture: CaptureRequest }
  | { to: "offscreen"; type: "master:controls"; paused?: boolean; audioMuted?: boolean }
  | { to: "offscreen"; type: "master:ask"; enabled: boolean }
  | { to: "offscreen"; type: "master:admit"; clientId: string; allow: boolean }
  | { to: "offscreen"; type: "master:remove"; clientId: string }
  | { to: "offscreen"; type: "master:link"; token: string }
  /** Replies `Reply<ViewerInfo[]>`; the popup asks it directly while it is open. */
  | { to: "offscreen"; type: "master:viewers" }
  | { to: "offscreen"; type: "master:stop" }
  /** Replies `Reply<MasterStatus>`. */
  | { to: "offscreen"; type: "master:status" }
  /** Replies `Reply<CameraPermission>`. */
  | { to: "offscreen"; type: "camera:permission" }
  /** Puts the viewer link on the clipboard (the background has no DOM); replies `Reply<null>`. */
  | { to: "offscreen"; type: "clipboard:write"; text: string };

/** One row of the popup's viewer list, read from the master while the popup is open. */
export interface ViewerInfo {
  clientId: string;
  /** Epoch ms when its offer arrived. */
  joinedAt: number;
  /** `waiting`: ask-before-join holds it, nothing is sent to it. */
  status: "waiting" | "connecting" | "live";
  connection?: "direct" | "relay";
  bitrateKbps?: number;
}

export interface MasterStatus {
  running: boolean;
  peers: number;
  signaling: "connecting" | "open" | "reconnecting" | "closed";
}

/** Replies carry data or a stored error, never a thrown exception (those do not cross contexts). */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ShareError };

export type CredentialsReply = Reply<SignalingCredentials>;
export type ShareStateReply = Reply<ShareState>;

export type ExtensionMessage = BackgroundMessage | OffscreenMessage;
