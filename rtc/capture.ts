/**
 * Getting the stream to share: a Chrome tab (by the media stream id the background got from
 * `chrome.tabCapture`), the camera with the microphone when allowed, or a screen, window or tab the
 * person picks in the browser's own picker (`getDisplayMedia`). Browser-only, no chrome.*.
 */
import type { Quality } from "../protocol/quality.ts";

export type CaptureRequest =
  | { source: "tab"; streamId: string }
  | { source: "camera" }
  | { source: "screen" };

/** Chrome's legacy `mandatory` constraints are the only way to name a tab capture stream id. */
export function tabConstraints(streamId: string, quality: Quality): MediaStreamConstraints {
  const tab = { chromeMediaSource: "tab", chromeMediaSourceId: streamId };
  return {
    audio: { mandatory: tab },
    video: {
      mandatory: {
        ...tab,
        maxWidth: quality.width,
        maxHeight: quality.height,
        maxFrameRate: quality.frameRate,
      },
    },
  } as unknown as MediaStreamConstraints;
}

export function cameraConstraints(quality: Quality, withAudio: boolean): MediaStreamConstraints {
  return {
    video: {
      width: { ideal: quality.width },
      height: { ideal: quality.height },
      frameRate: { ideal: quality.frameRate, max: quality.frameRate },
    },
    audio: withAudio ? { echoCancellation: true, noiseSuppression: true } : false,
  };
}

/** Audio is offered too: Chrome lets the person tick "share audio" for tabs and screens. */
export function displayConstraints(quality: Quality): DisplayMediaStreamOptions {
  return {
    video: {
      width: { max: quality.width },
      height: { max: quality.height },
      frameRate: { ideal: quality.frameRate, max: quality.frameRate },
    },
    audio: true,
  };
}

export interface Capture {
  stream: MediaStream;
  stop(): void;
}

export async function capture(request: CaptureRequest, quality: Quality): Promise<Capture> {
  if (request.source === "tab") {
    const stream = await navigator.mediaDevices.getUserMedia(tabConstraints(request.streamId, quality));
    const playback = playLocally(stream);
    return { stream, stop: () => stopAll(stream, playback) };
  }
  if (request.source === "screen") {
    const stream = await navigator.mediaDevices.getDisplayMedia(displayConstraints(quality));
    return { stream, stop: () => stopAll(stream) };
  }
  const stream = await navigator.mediaDevices
    .getUserMedia(cameraConstraints(quality, true))
    // The camera is what matters: with the microphone missing or refused, share video only.
    // If the camera itself is the problem, the video-only attempt fails with the telling error.
    .catch(() => navigator.mediaDevices.getUserMedia(cameraConstraints(quality, false)));
  return { stream, stop: () => stopAll(stream) };
}

/** Capturing a tab mutes it for the person sharing; routing its audio to the speakers undoes that. */
function playLocally(stream: MediaStream): AudioContext | undefined {
  if (stream.getAudioTracks().length === 0) return undefined;
  const context = new AudioContext();
  context.createMediaStreamSource(stream).connect(context.destination);
  return context;
}

function stopAll(stream: MediaStream, playback?: AudioContext): void {
  for (const track of stream.getTracks()) track.stop();
  // Rejects only when the context is already closed; the tracks above are what stop the capture.
  playback?.close().catch(() => {});
}

export function isDomError(error: unknown, name: string): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === name;
}
