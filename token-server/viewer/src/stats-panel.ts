/** The stats overlay: sampled only while open, so a closed panel costs nothing. */
import { sampleViewerStats, type ViewerStats } from "../../../rtc/stats";
import { byId } from "./dom";

export interface StatsPanel {
  /** The peer connection of the current attempt (a reconnect brings a new one). */
  watch(pc: RTCPeerConnection | null): void;
}

export function formatStats(stats: ViewerStats): [string, string][] {
  const dash = "—";
  const resolution = stats.width && stats.height ? `${stats.width}×${stats.height}` : dash;
  return [
    ["Resolution", resolution],
    ["Frame rate", stats.fps !== undefined ? `${Math.round(stats.fps)} fps` : dash],
    ["Bitrate", stats.bitrateKbps !== undefined ? formatBitrate(stats.bitrateKbps) : dash],
    ["Round trip", stats.rttMs !== undefined ? `${stats.rttMs} ms` : dash],
    [
      "Connection",
      stats.connection === "relay" ? "Relay (TURN)" : stats.connection === "direct" ? "Direct" : dash,
    ],
    ["Codec", stats.codec ?? dash],
  ];
}

const formatBitrate = (kbps: number) =>
  kbps >= 1000 ? `${(kbps / 1000).toFixed(1)} Mbit/s` : `${kbps} kbit/s`;

export function setUpStatsPanel(): StatsPanel {
  const toggle = byId<HTMLButtonElement>("stats-toggle");
  const panel = byId("stats");
  const list = byId("stats-list");
  let pc: RTCPeerConnection | null = null;
  let stop: (() => void) | undefined;

  const render = (stats: ViewerStats) => {
    list.replaceChildren(
      ...formatStats(stats).flatMap(([term, value]) => {
        const dt = document.createElement("dt");
        const dd = document.createElement("dd");
        dt.textContent = term;
        dd.textContent = value;
        return [dt, dd];
      }),
    );
  };
  const restart = () => {
    stop?.();
    stop = undefined;
    if (!panel.hidden && pc) stop = sampleViewerStats(pc, render);
  };
  const setOpen = (open: boolean) => {
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    restart();
  };

  toggle.addEventListener("click", () => setOpen(panel.hidden !== false));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) setOpen(false);
  });
  render({ timestamp: 0, bytesReceived: 0, framesDecoded: 0 });
  return {
    watch(next) {
      pc = next;
      restart();
    },
  };
}
