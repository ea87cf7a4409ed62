/**
 * The background's orchestration of a share, and the only writer of the share state. Chrome,
 * storage and the token server come in as ports, so the flow is testable without a browser. The
 * start path is in share-start.ts, what can change while live in live-controls.ts.
 */
import {
  type EndReason,
  isActive,
  isLive,
  reduceShare,
  type ShareError,
  type ShareEvent,
  type ShareSource,
  type ShareState,
} from "../../protocol/share.ts";
import { isCapturableUrl } from "./capturable.ts";
import { type ControllerPorts, sessionServer } from "./controller-ports.ts";
import { createLinkAnnouncer } from "./link-announcer.ts";
import { createLiveControls } from "./live-controls.ts";
import { log, logFailure } from "./log.ts";
import { ShareFailure, toShareError } from "./share-failure.ts";
import { createShareStart, tabStreamId } from "./share-start.ts";

export function createShareController(ports: ControllerPorts) {
  let queue: Promise<unknown> = Promise.resolve();

  /** Reduce-and-store, one at a time, so concurrent messages never overwrite each other. */
  const dispatch = (event: ShareEvent): Promise<ShareState> => {
    const next = queue.then(async () => {
      const before = await ports.state.get();
      const after = reduceShare(before, event);
      if (after !== before) {
        if (after.status !== before.status) log.info(`share ${before.status} → ${after.status}`);
        await ports.state.set(after);
        ports.onState(after);
      }
      return after;
    });
    // The caller gets the failure through `next`; the queue only has to go on.
    queue = next.catch(() => undefined);
    return next;
  };

  const announcer = createLinkAnnouncer({
    copyEnabled: async () => (await ports.settings()).copyLinkOnStart,
    copy: ports.copyToClipboard,
    copied: async (viewerUrl) => void (await dispatch({ type: "link_copied", viewerUrl })),
    tell: ports.notice.tell,
    withdraw: ports.notice.withdraw,
    now: ports.now,
  });

  const release = async () => {
    // Each step is best effort: the share is over whatever one of them does.
    await announcer.forget().catch(logFailure("withdrawing the live notice"));
    const stopped = await ports.master.send({ to: "master", type: "master:stop" });
    // Debug only: after a failed start there is often no master document left to answer.
    if (!stopped.ok) log.debug("stopping the master", stopped.error);
    await ports.master.close().catch(logFailure("closing the master's document"));
    const secret = await ports.secret.get();
    if (!secret) return;
    await ports.secret.set(null);
    const { apiKey } = await ports.settings();
    await ports
      .tokenClient(secret.serverUrl, apiKey)
      .deleteSession(secret.sessionId, secret.masterToken)
      .catch(logFailure("deleting the session (the server expires it)"));
  };

  const fail = async (error: unknown) => {
    const state = await dispatch({ type: "fail", error: toShareError(error) });
    await release();
    return state;
  };

  const end = async (reason: EndReason) => {
    const state = await dispatch({ type: "end", reason });
    await release();
    return state;
  };

  const guarded = async (action: () => Promise<unknown>): Promise<ShareState> => {
    try {
      await action();
    } catch (error) {
      if (isActive(await ports.state.get())) await fail(error);
      else await release();
    }
    return ports.state.get();
  };

  const starter = createShareStart({ ports, dispatch, announcer, release });
  const streamIdFor = (tabId: number) => tabStreamId(ports, tabId);
  const controls = createLiveControls({ ports, dispatch, streamIdFor, announcer });

  return {
    get: () => ports.state.get(),
    controls,
    popupOpened: announcer.popupOpened,
    popupClosed: announcer.popupClosed,

    async start(source: ShareSource, tabId?: number): Promise<ShareState> {
      const before = await ports.state.get();
      if (isActive(before)) return before;
      await dispatch({ type: "start", source, tabId });
      return guarded(() => starter.begin(source, tabId));
    },

    /** The permission page answered; continues (or fails) the camera share waiting for it. */
    async permissionResult(granted: boolean): Promise<ShareState> {
      const state = await ports.state.get();
      if (isLive(state)) return controls.permissionResult(granted);
      if (state.status !== "starting" || state.phase !== "permission") return state;
      if (!granted) return fail(new ShareFailure("camera_denied", "Camera permission was not granted"));
      return guarded(() => starter.resume(state.source, state.tabId));
    },

    stop: () => end("stopped"),
    reset: () => dispatch({ type: "reset" }),
    peers: (count: number) => dispatch({ type: "peers", count }),
    signaling: (state: "open" | "reconnecting") =>
      dispatch({ type: state === "open" ? "signaling_restored" : "signaling_lost" }),
    captureEnded: () => end("capture_ended"),

    async masterFailed(error: ShareError): Promise<ShareState> {
      const state = await ports.state.get();
      const expired =
        (state.status === "live" || state.status === "reconnecting") &&
        Date.parse(state.session.expiresAt) <= ports.now();
      return expired ? end("expired") : fail(error);
    },

    /** Fresh master credentials for the master's reconnects. */
    async credentials() {
      const { secret, client } = await sessionServer(ports);
      return client.refreshMaster(secret.sessionId, secret.masterToken);
    },

    async tabRemoved(tabId: number): Promise<void> {
      const state = await ports.state.get();
      if (state.status === "starting" && state.permissionTabId === tabId && state.phase === "permission") {
        await fail(new ShareFailure("camera_denied", "The permission page was closed"));
      } else if (isActive(state) && state.source === "tab" && state.tabId === tabId) {
        await end("tab_closed");
      }
    },

    async tabNavigated(tabId: number, url: string | undefined): Promise<void> {
      const state = await ports.state.get();
      if (isActive(state) && state.source === "tab" && state.tabId === tabId && !isCapturableUrl(url)) {
        await end("tab_navigated");
      }
    },

    /** After a service-worker start: a share whose master is gone cannot be resumed. */
    async reconcile(masterRunning: boolean): Promise<void> {
      const state = await ports.state.get();
      if ((state.status === "live" || state.status === "reconnecting") && !masterRunning)
        await end("capture_ended");
    },
  };
}
