import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPage, type TestPageServer } from "./harness/test-page";
import { launchViewerBrowser, type ViewerBrowser } from "./harness/viewer-browser";

/**
 * Proves the environment before blaming Beam: two peer connections in one page, fed by the fake
 * camera, decode frames over loopback inside the namespace.
 */
describe("environment baseline", () => {
  let browser: ViewerBrowser;
  let testPage: TestPageServer;

  beforeAll(async () => {
    testPage = await startTestPage();
    browser = await launchViewerBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await testPage?.close();
  });

  it("two RTCPeerConnections in one page decode fake-camera frames over loopback", async () => {
    const viewer = await browser.open(testPage.url);
    try {
      await viewer.page.evaluate(async () => {
        const stream = await navigator.mediaDevices.getUserMedia({ video: true });
        const sender = new RTCPeerConnection();
        const receiver = new RTCPeerConnection();
        sender.onicecandidate = (e) => e.candidate && receiver.addIceCandidate(e.candidate);
        receiver.onicecandidate = (e) => e.candidate && sender.addIceCandidate(e.candidate);
        receiver.ontrack = (e) => {
          const video = document.createElement("video");
          video.muted = true;
          video.autoplay = true;
          video.srcObject = e.streams[0] ?? new MediaStream([e.track]);
          document.body.append(video);
        };
        for (const track of stream.getTracks()) sender.addTrack(track, stream);
        await sender.setLocalDescription();
        await receiver.setRemoteDescription(sender.localDescription as RTCSessionDescription);
        await receiver.setLocalDescription();
        await sender.setRemoteDescription(receiver.localDescription as RTCSessionDescription);
      });
      const { stats, width, height } = await viewer.waitForFrames(10_000);
      expect(stats.framesDecoded).toBeGreaterThan(0);
      expect(width).toBeGreaterThan(0);
      expect(height).toBeGreaterThan(0);
      expect(stats.remoteAddress).toMatch(/^(127\.0\.0\.1|::1)$/);
    } finally {
      await viewer.close();
    }
  });
});
