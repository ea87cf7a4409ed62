/**
 * Every runtime message between the extension's surfaces: one map per receiver from message type
 * to its fields and reply, the discriminated unions derived from it. `chrome.runtime.sendMessage` reaches every extension page at once, so each message names its
 * receiver in `to` and every listener ignores the others.
 *
 * Reading the share state needs no message: it lives in `chrome.storage.session` under the key
 * `share` (see `ShareState`), including `peers`, the master's connected viewer count. Tests may
 * also send `{ to: "background", type: "share:get" }` and get the `ShareState` back.
 * Each receiver answers with a handler table over its map, so a message nobody handles does not
 * compile.
 */
import type { SignalingCredentials } from "./api.ts";
import type { Quality } from "./quality.ts";
import type { ShareError, ShareSource, ShareState } from "./share.ts";

/**
 * Popup, permission page and the master's document → background: each message type, its fields and
 * its `reply` (the `value` of a successful `Reply`). The unions below are derived from this map.
 */
export interface BackgroundMessages {
  "share:get": { reply: ShareState };
  /** `tabId` of the tab the popup was opened on (required for `tab`). Replies with the new state. */
  "share:start": { source: ShareSource; tabId?: number; reply: ShareState };
  "share:stop": { reply: ShareState };
  /** Live: share another source on the same connections (`tabId` of the popup's tab for `tab`). */
  "share:switch": { source: ShareSource; tabId?: number; reply: ShareState };
  "share:pause": { paused: boolean; reply: ShareState };
  "share:mute": { muted: boolean; reply: ShareState };
  "share:ask": { enabled: boolean; reply: ShareState };
  "share:admit": { clientId: string; allow: boolean; reply: null };
  /** Closes the viewer's connection and has the server refuse its viewer id from now on. */
  "share:remove": { clientId: string; reply: null };
  /** A new viewer link; the old one stops admitting. With `removeClientId`, removes that viewer first. */
  "share:new-link": { removeClientId?: string; reply: ShareState };
  /** Leaves `ended` / `failed` for `idle`. */
  "share:reset": { reply: ShareState };
  "permission:result": { granted: boolean; reply: ShareState };
  "master:peers": { count: number; reply: ShareState };
  "master:signaling": { state: "open" | "reconnecting"; reply: ShareState };
  /** The master needs a fresh presigned URL. */
  "master:credentials": { reply: SignalingCredentials };
  /** The capture stopped on its own (tab closed, Chrome's "Stop sharing", device unplugged). */
  "master:capture-ended": { reply: ShareState };
  "master:failed": { error: ShareError; reply: ShareState };
  "master:join-request": { clientId: string; reply: null };
  "master:join-settled": { clientId: string; reply: null };
  /** Firefox's sharing tab is listening: messages to "master" now reach it. */
  "master:ready": { reply: null };
}

export type CaptureRequest =
  | { source: "tab"; streamId: string }
  | { source: "camera" }
  | { source: "screen" };

export type CameraPermission = "granted" | "prompt" | "denied";

/**
 * Background (and the open popup) → the master's document: Chrome's offscreen document, or
 * Firefox's sharing tab.
 */
export interface MasterMessages {
  /** Replies once capture runs and signaling is opening. */
  "master:start": {
    capture: CaptureRequest;
    quality: Quality;
    channelArn: string;
    region: string;
    credentials: SignalingCredentials;
    askBeforeJoin: boolean;
    reply: null;
  };
  /** Replies once every viewer gets the new source and the old capture is stopped. */
  "master:switch": { capture: CaptureRequest; reply: null };
  "master:controls": { paused?: boolean; audioMuted?: boolean; reply: null };
  "master:ask": { enabled: boolean; reply: null };
  "master:admit": { clientId: string; allow: boolean; reply: null };
  "master:remove": { clientId: string; reply: null };
  "master:link": { token: string; reply: null };
  /** The popup asks it directly while it is open. */
  "master:viewers": { reply: ViewerInfo[] };
  "master:stop": { reply: null };
  "master:status": { reply: MasterStatus };
  "camera:permission": { reply: CameraPermission };
  /** Puts the viewer link on the clipboard (the background has no DOM). */
  "clipboard:write": { text: string; reply: null };
}

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

/** Each receiver's map, under the name its messages carry in `to`. */
export interface Receivers {
  background: BackgroundMessages;
  master: MasterMessages;
}
export type Receiver = keyof Receivers;

/** Message `K` to `R`: `{ to: R; type: K }` plus the fields its map entry lists. */
export type MessageOf<R extends Receiver, K extends keyof Receivers[R]> = { to: R; type: K } & Omit<
  Receivers[R][K],
  "reply"
>;
export type MessageTo<R extends Receiver> = {
  [K in keyof Receivers[R]]: MessageOf<R, K>;
}[keyof Receivers[R]];

export type BackgroundMessage = MessageTo<"background">;
export type MasterMessage = MessageTo<"master">;
export type ExtensionMessage = BackgroundMessage | MasterMessage;

/** The reply value of message type `K` to `R`, read from its map entry. */
export type ReplyTo<R extends Receiver, K> = K extends keyof Receivers[R]
  ? Receivers[R][K] extends { reply: infer T }
    ? T
    : never
  : never;
export type ReplyOf<M extends ExtensionMessage> = M extends ExtensionMessage
  ? ReplyTo<M["to"], M["type"]>
  : never;
