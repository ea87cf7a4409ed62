import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export const TEST_PAGE_TITLE = "Beam test page";
/** The colour the test page paints everywhere except a small square moving along the top edge. */
export const TEST_PAGE_RGB = [255, 0, 255] as const;

/**
 * Whether a decoded pixel shows the test page's colour. Codecs shift colours: Chromium 156 delivers
 * the page's rgb(255, 0, 255) as rgb(255, 41, 252) to a viewer, for a tab capture (whose source is
 * known) and the screen picker's capture alike; a colour-matrix difference (BT.601 against BT.709)
 * lifts the green of a saturated magenta by about 40. Red and blue must stay near full, green low:
 * still far from the fake camera's picture, black, or any browser chrome.
 */
export function isTestPageColour([r, g, b]: readonly number[]): boolean {
  return (r ?? 0) >= 215 && (b ?? 0) >= 215 && (g ?? 255) <= 64;
}

/** The tone a `?tone` page plays (an A, far from the fake microphone's beep). */
export const TONE_HZ = 440;

// A full-window canvas repainted every frame, so the captured tab keeps producing new frames.
const HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${TEST_PAGE_TITLE}</title>
<style>html,body{margin:0;height:100%;overflow:hidden;background:rgb(${TEST_PAGE_RGB})}canvas{display:block}</style>
</head><body><canvas id="c"></canvas><script>
const canvas = document.getElementById("c");
const ctx = canvas.getContext("2d");
function paint(t) {
  canvas.width = innerWidth; canvas.height = innerHeight;
  ctx.fillStyle = "rgb(${TEST_PAGE_RGB})";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = "#000";
  const x = (t / 4) % Math.max(1, canvas.width - 40);
  ctx.fillRect(x, 10, 40, 40);
  requestAnimationFrame(paint);
}
requestAnimationFrame(paint);
// ?tone: a steady 440 Hz sine, so a test can find the tab's sound in what a viewer receives.
if (new URLSearchParams(location.search).has("tone")) {
  const audio = new AudioContext();
  const tone = audio.createOscillator();
  const gain = audio.createGain();
  tone.frequency.value = ${TONE_HZ};
  gain.gain.value = 0.5;
  tone.connect(gain).connect(audio.destination);
  tone.start();
  window.__tone = audio;
}
</script></body></html>`;

export interface TestPageServer {
  url: string;
  close(): Promise<void>;
}

/** Serves the animated test page on an ephemeral loopback port. */
export async function startTestPage(): Promise<TestPageServer> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(HTML);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
