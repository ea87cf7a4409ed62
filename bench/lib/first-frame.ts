import type { Page } from "playwright-core";

/**
 * Init script for viewer pages: marks (performance.now(), ms since navigation start) when the
 * signaling socket is created, opens and first hears back, when the peer connection connects, and
 * the first decoded video frame (`requestVideoFrameCallback`). Read back with `readMarks`.
 */
const FIRST_FRAME_LOG = "beam-bench: first frame";

export const MARK_JOIN_PHASES = `(() => {
  if (window.__bench) return;
  const marks = (window.__bench = {});
  const mark = (name) => { if (marks[name] === undefined) marks[name] = performance.now(); };
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      mark("wsCreated");
      this.addEventListener("open", () => mark("wsOpen"));
      this.addEventListener("message", () => mark("wsFirstMessage"));
    }
  };
  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(...args) {
      super(...args);
      this.addEventListener("connectionstatechange", () => {
        if (this.connectionState === "connected") mark("pcConnected");
      });
    }
  };
  document.addEventListener("DOMContentLoaded", () => {
    mark("domContentLoaded");
    const video = document.querySelector("video");
    video?.requestVideoFrameCallback((now) => {
      marks.firstFrame = now;
      console.debug("${FIRST_FRAME_LOG}");
    });
  });
})();`;

export interface JoinMarks {
  documentReceived?: number;
  scriptReceived?: number;
  domContentLoaded?: number;
  joinStart?: number;
  joinEnd?: number;
  wsCreated?: number;
  wsOpen?: number;
  wsFirstMessage?: number;
  pcConnected?: number;
  firstFrame?: number;
}

/** Runs in the page: the marks plus the join request's resource timing. */
export function readMarks(): JoinMarks {
  const marks = { ...((window as unknown as { __bench?: JoinMarks }).__bench ?? {}) };
  const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
  const join = resources.find((entry) => entry.name.includes("/viewers"));
  const script = resources.find((entry) => entry.name.endsWith(".js"));
  const document = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  if (document) marks.documentReceived = document.responseEnd;
  // A page with its script inline has it when the document is in.
  marks.scriptReceived = script ? script.responseEnd : marks.documentReceived;
  if (join) {
    marks.joinStart = join.startTime;
    marks.joinEnd = join.responseEnd;
  }
  return marks;
}

/**
 * Resolves once `page` has decoded its first frame (the init script's console line), with its marks.
 * Call it before navigating. It listens instead of polling: polling (`waitForFunction`) makes
 * Playwright inject its utility script into the loading page, which held the page's main thread
 * for 30–60 ms (a Chromium trace showed it) right when the viewer page starts its join.
 */
export async function watchFirstFrame(
  page: Page,
  timeoutMs: number,
): Promise<{ ttff: number; marks: JoinMarks }> {
  await page.waitForEvent("console", {
    predicate: (message) => message.text() === FIRST_FRAME_LOG,
    timeout: timeoutMs,
  });
  const marks = await page.evaluate(readMarks);
  return { ttff: marks.firstFrame as number, marks };
}
