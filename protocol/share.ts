/**
 * The share state machine: idle → starting → live ⇄ reconnecting → ended / failed.
 * The background service worker is its only writer (it stores the state in extension session
 * storage); the popup renders it directly. Pure: no chrome.*, no DOM, no clock (times come in events).
 */
import type { ErrorCode } from "./errors.ts";

/** What the person shares: a tab (Chrome only), the camera, or a screen, window or tab the browser's picker offers. */
export type ShareSource = "tab" | "camera" | "screen";

/** Codes the server never sends, raised in the extension itself. */
export const CLIENT_ERROR_CODES = [
  "server_unreachable",
  "bad_server_response",
  "tab_not_capturable",
  "tab_capture_failed",
  "camera_denied",
  "camera_unavailable",
  "screen_not_chosen",
  "screen_capture_failed",
  "offscreen_failed",
  "signaling_failed",
] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
export type ShareErrorCode = ErrorCode | ClientErrorCode;

/** Plain data (it is stored), unlike the error classes. */
export interface ShareError {
  code: ShareErrorCode;
  message: string;
}

export type EndReason = "stopped" | "tab_closed" | "tab_navigated" | "capture_ended" | "expired";

/** What the popup shows about a running session; secrets (the master token) are stored apart. */
export interface ShareSession {
  sessionId: string;
  viewerUrl: string;
  /** ISO 8601. */
  expiresAt: string;
  /** The token server the session lives on (settings may change mid-share). */
  serverUrl: string;
}

export type StartPhase = "permission" | "session" | "capture";

export type ShareState =
  | { status: "idle" }
  | { status: "starting"; source: ShareSource; tabId?: number; phase: StartPhase; permissionTabId?: number }
  | {
      status: "live" | "reconnecting";
      source: ShareSource;
      tabId?: number;
      session: ShareSession;
      /** Epoch ms when the share went live, for the elapsed timer. */
      startedAt: number;
      /** Viewers whose peer connection is connected right now. */
      peers: number;
      /** Live controls: nothing is sent while paused; audio can be muted on its own. */
      paused: boolean;
      audioMuted: boolean;
      /** New viewers wait until the sharer lets them in. */
      askBeforeJoin: boolean;
      /** A switch to the camera waits for the camera permission page. */
      pendingSwitch?: "camera";
      /** The viewer link Beam put on the clipboard; the popup says "Link copied" while it is current. */
      copiedUrl?: string;
    }
  | { status: "ended"; reason: EndReason; source: ShareSource }
  | { status: "failed"; error: ShareError; source?: ShareSource };

export type ShareEvent =
  | { type: "start"; source: ShareSource; tabId?: number }
  | { type: "phase"; phase: StartPhase; permissionTabId?: number }
  | { type: "live"; session: ShareSession; at: number; askBeforeJoin?: boolean }
  | { type: "switched"; source: ShareSource; tabId?: number }
  | { type: "switch_pending"; pending?: "camera" }
  | { type: "paused"; paused: boolean }
  | { type: "audio_muted"; muted: boolean }
  | { type: "ask_before_join"; enabled: boolean }
  | { type: "link"; viewerUrl: string }
  | { type: "link_copied"; viewerUrl: string }
  | { type: "peers"; count: number }
  | { type: "signaling_lost" }
  | { type: "signaling_restored" }
  | { type: "end"; reason: EndReason }
  | { type: "fail"; error: ShareError }
  | { type: "reset" };

export const IDLE: ShareState = { status: "idle" };

export type ActiveShareState = Extract<ShareState, { status: "starting" | "live" | "reconnecting" }>;

/** True while a share holds resources (a session, the master's document, a capture). */
export function isActive(state: ShareState): state is ActiveShareState {
  return state.status === "starting" || state.status === "live" || state.status === "reconnecting";
}

export type LiveShareState = Extract<ShareState, { status: "live" | "reconnecting" }>;

export function isLive(state: ShareState): state is LiveShareState {
  return state.status === "live" || state.status === "reconnecting";
}

/** Events that make no sense in the current state leave it unchanged (same object). */
export function reduceShare(state: ShareState, event: ShareEvent): ShareState {
  switch (event.type) {
    case "start":
      if (isActive(state)) return state;
      return { status: "starting", source: event.source, tabId: event.tabId, phase: "session" };
    case "phase":
      if (state.status !== "starting") return state;
      return { ...state, phase: event.phase, permissionTabId: event.permissionTabId };
    case "live":
      if (state.status !== "starting") return state;
      return {
        status: "live",
        source: state.source,
        tabId: state.tabId,
        session: event.session,
        startedAt: event.at,
        peers: 0,
        paused: false,
        audioMuted: false,
        askBeforeJoin: event.askBeforeJoin ?? false,
      };
    case "switched":
      if (!isLive(state)) return state;
      return { ...state, source: event.source, tabId: event.tabId, pendingSwitch: undefined };
    case "switch_pending":
      return isLive(state) ? { ...state, pendingSwitch: event.pending } : state;
    case "paused":
      return isLive(state) && state.paused !== event.paused ? { ...state, paused: event.paused } : state;
    case "audio_muted":
      return isLive(state) && state.audioMuted !== event.muted
        ? { ...state, audioMuted: event.muted }
        : state;
    case "ask_before_join":
      return isLive(state) && state.askBeforeJoin !== event.enabled
        ? { ...state, askBeforeJoin: event.enabled }
        : state;
    case "link":
      return isLive(state) ? { ...state, session: { ...state.session, viewerUrl: event.viewerUrl } } : state;
    case "link_copied":
      return isLive(state) && state.copiedUrl !== event.viewerUrl
        ? { ...state, copiedUrl: event.viewerUrl }
        : state;
    case "peers":
      if (state.status !== "live" && state.status !== "reconnecting") return state;
      if (state.peers === event.count) return state;
      return { ...state, peers: Math.max(0, event.count) };
    case "signaling_lost":
      return state.status === "live" ? { ...state, status: "reconnecting" } : state;
    case "signaling_restored":
      return state.status === "reconnecting" ? { ...state, status: "live" } : state;
    case "end":
      if (!isActive(state)) return state;
      return { status: "ended", reason: event.reason, source: state.source };
    case "fail":
      if (!isActive(state)) return state;
      return { status: "failed", error: event.error, source: state.source };
    case "reset":
      return isActive(state) ? state : IDLE;
  }
}
