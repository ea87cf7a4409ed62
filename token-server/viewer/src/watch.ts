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
  /** Between connects KVS refused, with the same credentials: jittered, so a crowd spreads out. */
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

  const join = async () => {
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
    connect(result.credentials, current, 0);
  };

  // A refused connect is retried with the same credentials (their presigned URL lasts minutes), so
  // a crowd neither asks the server again nor waits for anyone else's negotiation. Its connect slot
  // has passed by then: the retry waits only for its jittered delay. (Asking the server for a new
  // slot instead put every late viewer at the back of the queue, and on the 2-core bench half of a
  // crowd of ten then never played within 30 s.)
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
          const now = { ...credentials, connectDelayMs: 0 };
          cancelRetry = deps.schedule(() => connect(now, current, refusals + 1), delay);
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
