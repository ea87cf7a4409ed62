/**
 * What the master's document runs (Chrome's offscreen document, Firefox's sharing tab): the capture
 * plus the master, reporting to the background through the functions it is given (master-endpoint.ts
 * wires them to runtime messages).
 */
import type { SignalingCredentials } from "../../protocol/api.ts";
import type {
  BackgroundMessage,
  CameraPermission,
  CaptureRequest,
  MasterMessage,
  MasterStatus,
  ViewerInfo,
} from "../../protocol/extension-messages.ts";
import type { Quality } from "../../protocol/quality.ts";
import type { ShareErrorCode } from "../../protocol/share.ts";
import { type Capture, capture, isDomError } from "../../rtc/capture.ts";
import { type Master, startMaster } from "../../rtc/master.ts";
import { ShareFailure, toShareError } from "./share-failure.ts";

type StartMessage = Extract<MasterMessage, { type: "master:start" }>;

/** Refresh failures that no retry can fix: the session is gone or its token no longer works. */
const FATAL: ReadonlySet<string> = new Set([
  "session_ended",
  "not_found",
  "invalid_token",
  "token_expired",
  "unauthorized",
]);
const FIRST_OPEN_TIMEOUT_MS = 15_000;

export interface MasterHostPorts {
  report(message: BackgroundMessage): void;
  refreshCredentials(): Promise<SignalingCredentials>;
  /** Replaces `rtc/capture.ts`'s capture, e.g. to ask for a click first (Firefox's sharing tab). */
  capture?: typeof capture;
}

export function createMasterHost(ports: MasterHostPorts) {
  let running: { capture: Capture; master: Master; quality: Quality } | null = null;

  const stop = async () => {
    const current = running;
    running = null;
    await current?.master.stop();
    current?.capture.stop();
  };

  /** Captures and watches for the capture ending on its own (tab closed, "Stop sharing", unplugged). */
  const captureSource = async (request: CaptureRequest, quality: Quality): Promise<Capture> => {
    const media = await (ports.capture ?? capture)(request, quality).catch((cause: unknown) => {
      throw new ShareFailure(captureErrorCode(request.source, cause), String(cause), { cause });
    });
    for (const track of media.stream.getVideoTracks()) {
      track.addEventListener("ended", () => {
        if (running?.capture !== media) return;
        void stop();
        ports.report({ to: "background", type: "master:capture-ended" });
      });
    }
    return media;
  };

  const master = (): Master => {
    if (!running) throw new ShareFailure("session_ended", "No share is running");
    return running.master;
  };

  return {
    async start(message: StartMessage): Promise<null> {
      await stop();
      const media = await captureSource(message.capture, message.quality);
      let isOpen = false;
      const opened = new Promise<void>((resolve, reject) => {
        const master = startMaster(
          {
            stream: media.stream,
            channelArn: message.channelArn,
            region: message.region,
            credentials: message.credentials,
            refreshCredentials: ports.refreshCredentials,
            send: { maxBitrateKbps: message.quality.maxBitrateKbps, maxFramerate: message.quality.frameRate },
            askBeforeJoin: message.askBeforeJoin,
            isFatal: (error) => FATAL.has(toShareError(error).code),
          },
          {
            joinRequest: (clientId) =>
              ports.report({ to: "background", type: "master:join-request", clientId }),
            joinSettled: (clientId) =>
              ports.report({ to: "background", type: "master:join-settled", clientId }),
            peers: (count) => ports.report({ to: "background", type: "master:peers", count }),
            signaling: (state) => {
              // The first open is told by the start's reply; only a reopen after a loss is news.
              if (state === "open" && !isOpen) {
                isOpen = true;
                resolve();
              } else if (state === "open" || state === "reconnecting") {
                ports.report({ to: "background", type: "master:signaling", state });
              }
            },
            failed: (error) => {
              const shareError = toShareError(error, "signaling_failed");
              // Before the first open the start reply carries the failure; after it, a report does.
              if (isOpen) ports.report({ to: "background", type: "master:failed", error: shareError });
              else reject(shareError);
            },
          },
        );
        running = { capture: media, master, quality: message.quality };
        setTimeout(
          () => reject(new ShareFailure("signaling_failed", "Signaling did not open in time")),
          FIRST_OPEN_TIMEOUT_MS,
        );
      });
      try {
        await opened;
      } catch (error) {
        await stop();
        throw error;
      }
      return null;
    },

    async stop(): Promise<null> {
      await stop();
      return null;
    },

    /** The new capture first, then every viewer's senders, then the old capture stops (its indicator goes). */
    async switchSource(request: CaptureRequest): Promise<null> {
      const current = running;
      if (!current) throw new ShareFailure("session_ended", "No share is running");
      const media = await captureSource(request, current.quality);
      if (running !== current) {
        media.stop();
        return null;
      }
      const old = current.capture;
      current.capture = media;
      await current.master.replaceSource(media.stream, request.source);
      old.stop();
      return null;
    },

    async controls(controls: { paused?: boolean; audioMuted?: boolean }): Promise<null> {
      await master().setControls(controls);
      return null;
    },
    ask(enabled: boolean): null {
      master().setAskBeforeJoin(enabled);
      return null;
    },
    async admit(clientId: string, allow: boolean): Promise<null> {
      await master().admit(clientId, allow);
      return null;
    },
    async remove(clientId: string): Promise<null> {
      await master().remove(clientId);
      return null;
    },
    async announceLink(token: string): Promise<null> {
      await master().announceLink(token);
      return null;
    },
    viewers: (): Promise<ViewerInfo[]> => running?.master.viewers() ?? Promise.resolve([]),

    /** The offscreen document cannot prompt, so the background asks before starting a camera share. */
    async cameraPermission(): Promise<CameraPermission> {
      const status = await navigator.permissions.query({ name: "camera" as PermissionName });
      return status.state;
    },

    status(): MasterStatus {
      return running
        ? { running: true, peers: running.master.peers, signaling: running.master.signaling }
        : { running: false, peers: 0, signaling: "closed" };
    },
  };
}

function captureErrorCode(source: CaptureRequest["source"], error: unknown): ShareErrorCode {
  if (source === "tab") return "tab_capture_failed";
  // The picker's Cancel rejects with NotAllowedError, as does a policy that forbids screen capture.
  if (source === "screen")
    return isDomError(error, "NotAllowedError") ? "screen_not_chosen" : "screen_capture_failed";
  if (isDomError(error, "NotAllowedError") || isDomError(error, "SecurityError")) return "camera_denied";
  return "camera_unavailable";
}
