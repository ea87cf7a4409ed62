/**
 * The viewer page's state machine as a pure reducer:
 * connecting → live ⇄ reconnecting → ended | full | invalid | expired | error.
 * The state names are what the page renders (and puts in `body[data-state]`).
 */
import type { ErrorCode } from "./errors";

/** Why a viewer failed: a server error code, or a failure the browser found on its own. */
export type ViewerFailure = ErrorCode | "network" | "peer_unreachable" | "unsupported";

export type ViewerState =
  | { name: "connecting" }
  | { name: "live" }
  | { name: "reconnecting" }
  | { name: "ended" }
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
  /** The server (or the browser) answered a join with this failure. */
  | { type: "refused"; failure: ViewerFailure }
  /** The sharer said on the data channel that the share is over. */
  | { type: "peer-ended" }
  /** Retries are used up; `failure` is the last reason seen. */
  | { type: "gave-up"; failure: ViewerFailure };

export const INITIAL_VIEWER_STATE: ViewerState = { name: "connecting" };

const TERMINAL: ReadonlySet<ViewerStateName> = new Set(["ended", "full", "invalid", "expired", "error"]);

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
      return state.name === "live" ? state : { name: "live" };
    case "lost":
      return state.name === "live" ? { name: "reconnecting" } : state;
    case "refused": {
      const terminal = terminalStateFor(event.failure, state.name !== "connecting");
      if (terminal) return terminal;
      return state.name === "live" ? { name: "reconnecting" } : state;
    }
    case "peer-ended":
      return { name: "ended" };
    case "gave-up":
      return { name: "error", failure: event.failure };
  }
}
