/**
 * The viewer page's state machine as a pure reducer:
 * connecting → live ⇄ reconnecting → ended | full | invalid | expired | error; connecting → joining
 * while KVS throttles the signaling connect (a crowd arriving at once); plus what the sharer
 * controls: live ⇄ paused, connecting → waiting (ask before join) → live | denied, and removed /
 * replaced (a removed viewer, a link that was replaced by a new one).
 * The state names are what the page renders (and puts in `body[data-state]`).
 */
import type { ErrorCode } from "./errors";

/** Why a viewer failed: a server error code, or a failure the browser found on its own. */
export type ViewerFailure = ErrorCode | "network" | "peer_unreachable" | "unsupported";

export type ViewerState =
  | { name: "connecting" }
  | { name: "joining" }
  | { name: "live" }
  | { name: "reconnecting" }
  | { name: "paused" }
  | { name: "waiting" }
  | { name: "ended" }
  | { name: "removed" }
  | { name: "denied"; timedOut: boolean }
  | { name: "replaced" }
  | { name: "full" }
  | { name: "invalid" }
  | { name: "expired" }
  | { name: "error"; failure: ViewerFailure };

export type ViewerStateName = ViewerState["name"];

export type ViewerEvent =
  /** Media is playing. */
  | { type: "playing" }
  /** The peer connection or its media went away; the controller will ask the server again. */
  | { type: "lost" }
  /** The signaling socket never opened (KVS throttles connects); the controller retries it. */
  | { type: "throttled" }
  /** The server (or the browser) answered a join with this failure. */
  | { type: "refused"; failure: ViewerFailure }
  /** The sharer said on the data channel that the share is over. */
  | { type: "peer-ended" }
  /** Retries are used up; `failure` is the last reason seen. */
  | { type: "gave-up"; failure: ViewerFailure }
  /** The sharer paused or resumed (data channel). */
  | { type: "peer-paused" }
  | { type: "peer-resumed" }
  /** The sharer asks before letting viewers in: wait for its answer. */
  | { type: "peer-waiting" }
  | { type: "peer-removed" }
  | { type: "peer-denied"; timedOut: boolean };

export const INITIAL_VIEWER_STATE: ViewerState = { name: "connecting" };

const TERMINAL: ReadonlySet<ViewerStateName> = new Set([
  "ended",
  "full",
  "invalid",
  "expired",
  "removed",
  "denied",
  "replaced",
  "error",
]);

export function isTerminal(state: ViewerState): boolean {
  return TERMINAL.has(state.name);
}

/** Failures that no retry can fix, and the state each one ends in. The rest are retried. */
export function terminalStateFor(failure: ViewerFailure, wasAdmitted: boolean): ViewerState | null {
  switch (failure) {
    case "session_ended":
      return { name: "ended" };
    case "session_full":
      return { name: "full" };
    case "token_expired":
      return { name: "expired" };
    case "link_replaced":
      return { name: "replaced" };
    case "viewer_removed":
      return { name: "removed" };
    case "not_found":
      // A session that admitted us before and is now unknown has been deleted by its sharer.
      return wasAdmitted ? { name: "ended" } : { name: "invalid" };
    case "invalid_token":
    case "forbidden":
    case "unauthorized":
      return { name: "invalid" };
    case "invalid_request":
    case "unsupported":
      return { name: "error", failure };
    default:
      return null;
  }
}

export function reduceViewerState(state: ViewerState, event: ViewerEvent): ViewerState {
  if (isTerminal(state)) return state;
  switch (event.type) {
    case "playing":
      // A stray "playing" from the video element does not end a pause; only the sharer does.
      if (state.name === "paused") return state;
      return state.name === "live" ? state : { name: "live" };
    case "lost":
      if (state.name === "live" || state.name === "paused") return { name: "reconnecting" };
      return state.name === "waiting" ? { name: "connecting" } : state;
    case "throttled":
      // A viewer that was watching stays "reconnecting": it is the same wait to them.
      return state.name === "connecting" ? { name: "joining" } : state;
    case "refused": {
      const terminal = terminalStateFor(event.failure, state.name !== "connecting");
      if (terminal) return terminal;
      return state.name === "live" ? { name: "reconnecting" } : state;
    }
    case "peer-ended":
      return { name: "ended" };
    case "peer-paused":
      return state.name === "paused" ? state : { name: "paused" };
    case "peer-resumed":
      return state.name === "paused" ? { name: "live" } : state;
    case "peer-waiting":
      return state.name === "waiting" ? state : { name: "waiting" };
    case "peer-removed":
      return { name: "removed" };
    case "peer-denied":
      return { name: "denied", timedOut: event.timedOut };
    case "gave-up":
      return { name: "error", failure: event.failure };
  }
}
