/** One line of the popup's viewer list, as words: name, when it joined, how it is connected. Pure. */
import type { ViewerInfo } from "../../protocol/extension-messages.ts";
import { t } from "./strings.ts";

export interface ViewerRow {
  clientId: string;
  name: string;
  detail: string;
  waiting: boolean;
}

export function formatBitrate(kbps: number): string {
  return kbps >= 1000 ? `${(kbps / 1000).toFixed(1)} Mbit/s` : `${kbps} kbit/s`;
}

/** Oldest first, numbered in that order; `timeOf` formats a join time (the popup's locale clock). */
export function viewerRows(viewers: readonly ViewerInfo[], timeOf: (epochMs: number) => string): ViewerRow[] {
  return [...viewers]
    .sort((a, b) => a.joinedAt - b.joinedAt)
    .map((viewer, index) => {
      const parts = [t("joinedAt", { time: timeOf(viewer.joinedAt) })];
      if (viewer.status === "waiting") parts.push(t("viewerWaiting"));
      else if (viewer.status === "connecting") parts.push(t("viewerConnecting"));
      if (viewer.connection)
        parts.push(t(viewer.connection === "relay" ? "connectionRelay" : "connectionDirect"));
      if (viewer.status === "live" && viewer.bitrateKbps !== undefined)
        parts.push(formatBitrate(viewer.bitrateKbps));
      return {
        clientId: viewer.clientId,
        name: t("viewerLabel", { n: index + 1 }),
        detail: parts.join(" · "),
        waiting: viewer.status === "waiting",
      };
    });
}
