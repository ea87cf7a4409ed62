/**
 * The viewer page's controller: join, connect, and on any loss ask the server again — its answer
 * tells an ended share (410) from a dropped connection, which is retried with fresh credentials.
 * Pure orchestration: the server call, the connection and the timer are injected.
 */
import type { ViewerJoinResponse } from "../../../protocol/api";
import type { ReconnectPolicy } from "../../../protocol/reconnect";
import {
  INITIAL_VIEWER_STATE,
  isTerminal,
  reduceViewerState,
  type ViewerEvent,
  type ViewerFailure,
  type ViewerState,
} from "../../../protocol/viewer-state";
import type { ConnectionLoss } from "../../../rtc/viewer";

export type JoinResult =
  | { ok: true; credentials: ViewerJoinResponse }
  | { ok: false; failure: ViewerFailure };

/** What the sharer says on the data channel that changes the page's state. */
export type SharerEvent = Extract<
  ViewerEvent,
  { type: "peer-ended" | "peer-paused" | "peer-resumed" | "peer-waiting" | "peer-removed" | "peer-denied" }
>;

export interface ConnectionEvents {
  stream: (stream: MediaStream) => void;
  lost: (reason: string, loss?: ConnectionLoss) => void;
  ended: () => void;
  sharer: (event: SharerEvent) => void;
}

export interface WatchDeps {
  join: () => Promise<JoinResult>;
  connect: (credentials: ViewerJoinResponse, events: ConnectionEvents) => { close(): void };
  /** Between joins (each asks the server again). */
  policy: ReconnectPolicy;
  /**
   * Before asking the server again after KVS refused a connect: jittered, so a crowd spreads out.
   * The new join carries a new connect slot, after those the server already gave out.
   */
  connectPolicy: ReconnectPolicy;
  schedule: (run: () => void, delayMs: number) => () => void;
  onState: (state: ViewerState) => void;
  onJoined: (credentials: ViewerJoinResponse) => void;
  onStream: (stream: MediaStream) => void;
  log?: (message: string) => void;
}

/**
 * Consecutive attempts the sharer leaves unanswered before the viewer says it is gone. The server
 * still admits viewers until the session's TTL when the sharer's browser closed or crashed, so
 * only the sharer's silence tells; two attempts span a master's longest reconnect back-off.
 */
export const UNANSWERED_BEFORE_GONE = 2;

export interface Watch {
  /** The page saw media play. */
  playing(): void;
  /** Leave (page hidden for good): close everything, no more callbacks. */
  stop(): void;
}

export function watchSession(deps: WatchDeps): Watch {
  let state = INITIAL_VIEWER_STATE;
  let attempt = 0;
  let unanswered = 0;
  let generation = 0;
  let lastFailure: ViewerFailure = "peer_unreachable";
  let connection: { close(): void } | undefined;
  let cancelRetry: (() => void) | undefined;

  const teardown = () => {
    generation++;
    cancelRetry?.();
    connection?.close();
    connection = undefined;
  };

  const dispatch = (event: ViewerEvent) => {
    const next = reduceViewerState(state, event);
    if (next !== state) {
      deps.log?.(`${state.name} → ${next.name}`);
      state = next;
      deps.onState(state);
    }
    if (isTerminal(state)) teardown();
  };

  const retryLater = () => {
    const delay = deps.policy(attempt++);
    if (delay === null) return dispatch({ type: "gave-up", failure: lastFailure });
    cancelRetry = deps.schedule(() => void join(), delay);
  };

  const join = async (refusals = 0) => {
    const current = ++generation;
    const result = await deps.join();
    if (current !== generation) return;
    if (!result.ok) {
      lastFailure = result.failure;
      dispatch({ type: "refused", failure: result.failure });
      if (!isTerminal(state)) retryLater();
      return;
    }
    deps.onJoined(result.credentials);
    connect(result.credentials, current, refusals);
  };

  // A refused connect asks the server again: the server spaces a crowd's connects at the rate KVS
  // takes them, so a viewer that missed its slot (a busy page connects late) gets the next free one
  // instead of colliding again on a blind backoff.
  const connect = (credentials: ViewerJoinResponse, current: number, refusals: number) => {
    connection = deps.connect(credentials, {
      stream: (stream) => current === generation && deps.onStream(stream),
      lost: (reason, loss = "dropped") => {
        if (current !== generation) return;
        deps.log?.(`lost: ${reason}`);
        connection = undefined;
        const delay = loss === "refused" ? deps.connectPolicy(refusals) : null;
        if (delay !== null) {
          dispatch({ type: "throttled" });
          cancelRetry = deps.schedule(() => void join(refusals + 1), delay);
          return;
        }
        lastFailure = "peer_unreachable";
        // A refused socket says nothing about the sharer; an answered attempt says it is there.
        if (loss === "unanswered") unanswered++;
        else if (loss === "dropped") unanswered = 0;
        if (unanswered >= UNANSWERED_BEFORE_GONE) return dispatch({ type: "gave-up", failure: lastFailure });
        dispatch({ type: "lost" });
        retryLater();
      },
      ended: () => current === generation && dispatch({ type: "peer-ended" }),
      sharer: (event) => current === generation && dispatch(event),
    });
  };

  deps.onState(state);
  void join();
  return {
    playing: () => {
      attempt = 0;
      dispatch({ type: "playing" });
    },
    stop: teardown,
  };
}
