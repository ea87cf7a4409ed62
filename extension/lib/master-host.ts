/**
 * What the offscreen document runs: the capture plus the master, reporting to the background
 * through the functions it is given (the entrypoint wires them to runtime messages).
 */
import type { SignalingCredentials } from "../../protocol/api.ts";
import type {
  BackgroundMessage,
  CameraPermission,
  MasterStatus,
  OffscreenMessage,
} from "../../protocol/extension-messages.ts";
import type { ShareErrorCode } from "../../protocol/share.ts";
import { type Capture, capture, isDomError } from "../../rtc/capture.ts";
import { type Master, startMaster } from "../../rtc/master.ts";
import { ShareFailure, toShareError } from "./share-failure.ts";

type StartMessage = Extract<OffscreenMessage, { type: "master:start" }>;

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
}

export function createMasterHost(ports: MasterHostPorts) {
  let running: { capture: Capture; master: Master } | null = null;

  const stop = async () => {
    const current = running;
    running = null;
    await current?.master.stop();
    current?.capture.stop();
  };

  return {
    async start(message: StartMessage): Promise<null> {
      await stop();
      const media = await capture(message.capture, message.quality).catch((cause: unknown) => {
        throw new ShareFailure(captureErrorCode(message.capture.source, cause), String(cause), { cause });
      });
      for (const track of media.stream.getVideoTracks()) {
        track.addEventListener("ended", () => {
          if (running?.capture !== media) return;
          void stop();
          ports.report({ to: "background", type: "master:capture-ended" });
        });
      }
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
            isFatal: (error) => FATAL.has(toShareError(error).code),
          },
          {
            peers: (count) => ports.report({ to: "background", type: "master:peers", count }),
            signaling: (state) => {
              if (state === "open") {
                isOpen = true;
                resolve();
              }
              if (state === "open" || state === "reconnecting") {
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
        running = { capture: media, master };
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

function captureErrorCode(source: "tab" | "camera", error: unknown): ShareErrorCode {
  if (source === "tab") return "tab_capture_failed";
  if (isDomError(error, "NotAllowedError") || isDomError(error, "SecurityError")) return "camera_denied";
  return "camera_unavailable";
}
