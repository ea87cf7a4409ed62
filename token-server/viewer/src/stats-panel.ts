/** The stats overlay: sampled only while open, so a closed panel costs nothing. */
import { sampleViewerStats, type ViewerStats } from "../../../rtc/stats";
import { byId } from "./dom";
import type { Translate } from "./i18n/language";
import type { JoinTimeline } from "./join-timeline";

export interface StatsPanel {
  /** The peer connection of the current attempt (a reconnect brings a new one). */
  watch(pc: RTCPeerConnection | null): void;
  /** Closes the overlay: nothing to measure once the share is over. */
  close(): void;
}

export function formatStats(stats: ViewerStats, t: Translate): [string, string][] {
  const dash = "—";
  const resolution = stats.width && stats.height ? `${stats.width}×${stats.height}` : dash;
  return [
    [t("statResolution"), resolution],
    [t("statFrameRate"), stats.fps !== undefined ? `${Math.round(stats.fps)} fps` : dash],
    [t("statBitrate"), stats.bitrateKbps !== undefined ? formatBitrate(stats.bitrateKbps) : dash],
    [t("statRoundTrip"), stats.rttMs !== undefined ? `${stats.rttMs} ms` : dash],
    [
      t("statConnection"),
      stats.connection === "relay"
        ? t("connectionRelay")
        : stats.connection === "direct"
          ? t("connectionDirect")
          : dash,
    ],
    [t("statCodec"), stats.codec ?? dash],
  ];
}

const formatBitrate = (kbps: number) =>
  kbps >= 1000 ? `${(kbps / 1000).toFixed(1)} Mbit/s` : `${kbps} kbit/s`;

export function setUpStatsPanel(timeline: JoinTimeline, t: Translate): StatsPanel {
  const toggle = byId<HTMLButtonElement>("stats-toggle");
  const panel = byId("stats");
  const list = byId("stats-list");
  let pc: RTCPeerConnection | null = null;
  let stop: (() => void) | undefined;

  let last: ViewerStats = { sampledAt: 0, bytes: {}, framesDecoded: 0 };
  const row = ([term, value]: [string, string], section = false) => {
    const dt = document.createElement("dt");
    const dd = document.createElement("dd");
    dt.textContent = term;
    dd.textContent = value;
    if (section) {
      dt.className = "stats__section";
      dd.className = "stats__section";
    }
    return [dt, dd];
  };
  const render = (stats: ViewerStats = last) => {
    last = stats;
    const [first, ...rest] = timeline.rows(t);
    list.replaceChildren(
      ...formatStats(stats, t).flatMap((entry) => row(entry)),
      ...(first ? row(first, true) : []),
      ...rest.flatMap((entry) => row(entry)),
    );
  };
  const restart = () => {
    stop?.();
    stop = undefined;
    if (!panel.hidden && pc) stop = sampleViewerStats(pc, render);
    else render();
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
  render();
  return {
    watch(next) {
      pc = next;
      restart();
    },
    close: () => setOpen(false),
  };
}
