/**
 * The WebRTC floor: two peer connections in one page, the fake camera already open; time from
 * creating the offer to the first decoded frame (requestVideoFrameCallback). No signaling server,
 * no page load: what any design pays for ICE, DTLS and the first key frame on this machine.
 */
import type { Browser } from "playwright-core";
import { type Figure, judge } from "../lib/figure";
import { median } from "../lib/stats";

export async function measureWebRtcFloor(browser: Browser, pageUrl: string, runs: number): Promise<number[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(pageUrl);
    await page.evaluate(async () => {
      (window as unknown as { __camera: MediaStream }).__camera = await navigator.mediaDevices.getUserMedia({
        video: { width: 1280, height: 720, frameRate: 30 },
      });
    });
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      samples.push(
        await page.evaluate(async () => {
          const stream = (window as unknown as { __camera: MediaStream }).__camera;
          const sender = new RTCPeerConnection();
          const receiver = new RTCPeerConnection();
          const video = document.createElement("video");
          video.muted = true;
          video.autoplay = true;
          document.body.append(video);
          sender.onicecandidate = (e) => e.candidate && receiver.addIceCandidate(e.candidate);
          receiver.onicecandidate = (e) => e.candidate && sender.addIceCandidate(e.candidate);
          const started = performance.now();
          const firstFrame = new Promise<number>((resolve) => video.requestVideoFrameCallback(resolve));
          receiver.ontrack = (e) => {
            video.srcObject = e.streams[0] ?? new MediaStream([e.track]);
          };
          for (const track of stream.getVideoTracks()) sender.addTrack(track, stream);
          await sender.setLocalDescription();
          await receiver.setRemoteDescription(sender.localDescription as RTCSessionDescription);
          await receiver.setLocalDescription();
          await sender.setRemoteDescription(receiver.localDescription as RTCSessionDescription);
          const elapsed = (await firstFrame) - started;
          sender.close();
          receiver.close();
          video.remove();
          return elapsed;
        }),
      );
    }
    return samples;
  } finally {
    await context.close();
  }
}

export function webRtcFloorFigure(samples: readonly number[]): Figure {
  return judge({
    id: "webrtc_floor_ms",
    label: "WebRTC floor (offer → first frame), median",
    value: median(samples),
    unit: "ms",
    note: `${samples.length} runs, two peer connections in one page, fake camera`,
  });
}
