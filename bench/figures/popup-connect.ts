/**
 * Popup click → master connected: the time from the click on "Share camera" in the real popup
 * (the page's own click timestamp) to the emulator accepting the master's signaling WebSocket
 * (polled every 2 ms in this process; both clocks are the system clock). Includes session
 * creation, the offscreen document, the camera and the signaling connect.
 */
import type { Page } from "playwright-core";
import { openIdlePopup } from "../../e2e/harness/popup";
import type { SharerBrowser } from "../../e2e/harness/sharer-browser";
import { waitFor } from "../../e2e/harness/wait";
import type { RunningEmulator } from "../../token-server/src/emulator/index.ts";
import { type Figure, judge } from "../lib/figure";
import { median } from "../lib/stats";

async function whenMasterConnects(emulator: RunningEmulator, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (emulator.connections().masters === 0) {
    if (Date.now() > deadline) throw new Error(`no master connected within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.timeOrigin + performance.now();
}

export async function measurePopupConnect(
  sharer: SharerBrowser,
  tab: Page,
  emulator: RunningEmulator,
  runs: number,
): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const popup = await openIdlePopup(sharer, tab);
    await popup.evaluate(() => {
      document.addEventListener(
        "click",
        () => {
          (window as unknown as { __clickedAt: number }).__clickedAt =
            performance.timeOrigin + performance.now();
        },
        { capture: true, once: true },
      );
    });
    const connected = whenMasterConnects(emulator, 20_000);
    await popup.getByRole("button", { name: "Share camera" }).click();
    const connectedAt = await connected;
    const clickedAt = await popup.evaluate(() => (window as unknown as { __clickedAt: number }).__clickedAt);
    samples.push(connectedAt - clickedAt);
    await popup.getByRole("button", { name: "Stop sharing" }).click({ timeout: 10_000 });
    await waitFor("the master to leave", () => emulator.connections().masters === 0, { timeoutMs: 10_000 });
    await popup.close();
  }
  return samples;
}

export function popupConnectFigure(samples: readonly number[]): Figure {
  return judge({
    id: "popup_to_master_connected_ms",
    label: "popup click → master connected, median",
    value: median(samples),
    unit: "ms",
    goal: { on: "value", op: "<=", target: 500, text: "≤ 500 ms" },
    note: `${samples.length} shares; max ${Math.max(...samples).toFixed(0)} ms`,
  });
}
