/** The viewer page: only wiring. Link → early join or viewer id → watch (join, connect, reconnect) → render. */
import "./styles.css";
import { parseViewerLink } from "../../../protocol/link";
import { backoff, jitteredBackoff } from "../../../protocol/reconnect";
import { isTerminal } from "../../../protocol/viewer-state";
import type { ViewerConnectionHandlers } from "../../../rtc/viewer";
import { setUpControls } from "./controls";
import { byId } from "./dom";
import { takeEarlyJoin } from "./early-join";
import { pickLanguage, translator } from "./i18n/language";
import { localizeDocument } from "./i18n/static-text";
import { requestViewerCredentials } from "./join-client";
import { createJoinTimeline } from "./join-timeline";
import { setUpStatsPanel } from "./stats-panel";
import { createStatusView } from "./status-view";
import { loadViewerId } from "./viewer-id";
import { watchSession } from "./watch";

const language = pickLanguage(navigator.languages);
const t = translator(language);
localizeDocument(document, language, t);
const video = byId<HTMLVideoElement>("video");
const view = createStatusView(video, t);
setUpControls(video, byId("stage"), t);
const timeline = createJoinTimeline(() => performance.now());
const stats = setUpStatsPanel(timeline, t);
const link = parseViewerLink(location);

if (!link) {
  view.render({ name: "invalid" });
} else if (typeof RTCPeerConnection !== "function" || !window.beamConnectViewer) {
  view.render({ name: "error", failure: "unsupported" });
} else {
  const connectViewer = window.beamConnectViewer;
  const { sessionId } = link;
  let { token } = link;
  const early = takeEarlyJoin(window, link);
  let earlyResult = early?.result;
  // Read when the first connect happens: the inline script sets it once the credentials are in.
  let earlyUsed = false;
  const viewerId =
    early?.viewerId ??
    loadViewerId(
      () => localStorage,
      (length) => crypto.getRandomValues(new Uint8Array(length)),
    );
  const watch = watchSession({
    // The first join is the request the inline script started before this bundle was parsed.
    join: () => {
      const result =
        earlyResult ?? requestViewerCredentials(fetch.bind(window), sessionId, { token, viewerId });
      earlyResult = undefined;
      return result;
    },
    // The first attempt is the one the inline script started when the credentials arrived.
    connect: (credentials, events) => {
      const handlers: ViewerConnectionHandlers = {
        peer: (pc) => stats.watch(pc),
        stream: events.stream,
        lost: events.lost,
        phase: (phase, at) => timeline.mark(phase, at),
        messages: {
          ended: events.ended,
          paused: () => events.sharer({ type: "peer-paused" }),
          resumed: () => events.sharer({ type: "peer-resumed" }),
          waiting: () => events.sharer({ type: "peer-waiting" }),
          removed: () => events.sharer({ type: "peer-removed" }),
          denied: (m) => events.sharer({ type: "peer-denied", timedOut: m.timedOut }),
          source: (m) => view.showShare({ source: m.source }),
          // The sharer made a new link: reconnects and a reload use it, the old one is refused.
          link: (m) => {
            token = m.token;
            history.replaceState(null, "", `#${m.token}`);
          },
        },
      };
      const held = earlyUsed ? undefined : early?.connection;
      earlyUsed = true;
      if (!held) return connectViewer(credentials, handlers);
      held.attach(handlers);
      return held.connection;
    },
    policy: backoff({ maxAttempts: 8 }),
    connectPolicy: jitteredBackoff({ random: Math.random, maxAttempts: 8 }),
    schedule: (run, delayMs) => {
      const timer = setTimeout(run, delayMs);
      return () => clearTimeout(timer);
    },
    onState: (state) => {
      view.render(state);
      if (isTerminal(state)) {
        stats.watch(null);
        stats.close();
      }
    },
    onJoined: (credentials) => {
      timeline.mark("credentials", early?.answeredAt);
      view.showShare(credentials);
    },
    onStream: (stream) => view.showStream(stream),
    log: (message) => console.debug("[beam]", message),
  });
  // The first frame on screen, as the bench measures it; `playing` can come a little later.
  if ("requestVideoFrameCallback" in video)
    video.requestVideoFrameCallback((now) => timeline.mark("frame", now));
  video.addEventListener("playing", () => {
    timeline.mark("frame");
    watch.playing();
  });
  window.addEventListener("pagehide", () => watch.stop());
  // A page restored from the back-forward cache has closed connections: start over.
  window.addEventListener("pageshow", (event) => event.persisted && location.reload());
}
