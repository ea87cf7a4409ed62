/**
 * The P2P floor: the least a browser-to-browser join takes on this machine, for the goals Beam
 * misses to be read against. A receiver page in its own browser context (one inline script: socket,
 * receive-only peer connection, offer on open, trickle) and a sender page with the fake camera in
 * another (`bench/servers/serve-p2p.ts`), signaling through a bare relay in its own process. It pays
 * what every design pays (a fresh renderer, a socket, ICE across processes with mDNS-hidden host
 * candidates, DTLS, the first key frame) and nothing of Beam's (credentials, KVS, SigV4, the UI).
 * Measured as the viewer TTFF is: one at a time, fresh and warm, and a crowd of ten at once.
 */
import type { Browser } from "playwright-core";
import { startChild } from "../lib/child";
import { type Figure, judge } from "../lib/figure";
import { median } from "../lib/stats";
import { crowdRound } from "./crowd";
import { sequentialJoins } from "./join-overhead";
import { openRunningContext } from "./navigation-floor";
import { type Join, measureWarmJoins, ttffOf } from "./viewer-ttff";

export const P2P_CROWD = 10;

export interface P2pFloor {
  fresh: Join[];
  warm: Join[];
  /** One per receiver of the crowd; null when it showed no frame in time. */
  crowd: (Join | null)[];
}

export async function measureP2pFloor(browser: Browser, runs: number): Promise<P2pFloor> {
  const relay = await startChild<{ url: string }>("bench/servers/serve-p2p.ts");
  const senderContext = await openRunningContext(browser);
  const receiverContext = await openRunningContext(browser);
  try {
    const sender = await senderContext.newPage();
    await sender.goto(`${relay.ready.url}/send`);
    await sender.waitForFunction(() => document.title === "ready");
    const url = `${relay.ready.url}/receive`;
    await sequentialJoins(browser, url, 1); // warm-up, as for the viewer TTFF
    const fresh = await sequentialJoins(browser, url, runs);
    const warm = (await measureWarmJoins(receiverContext, url, runs + 1)).slice(1);
    const crowd = (await crowdRound(browser, url, P2P_CROWD)).joins;
    return { fresh, warm, crowd };
  } finally {
    await receiverContext.close();
    await senderContext.close();
    await relay.stop();
  }
}

export function p2pFloorFigures(floor: P2pFloor): Figure[] {
  const crowd = ttffOf(floor.crowd);
  const note = "link → first frame, bare relay and pages, no credentials, KVS or UI";
  return [
    judge({
      id: "p2p_floor_fresh_ms",
      label: "P2P floor, fresh context, median",
      value: median(ttffOf(floor.fresh)),
      unit: "ms",
      note: `${floor.fresh.length} joins; ${note}`,
    }),
    judge({
      id: "p2p_floor_warm_ms",
      label: "P2P floor, new tab, running browser, median",
      value: median(ttffOf(floor.warm)),
      unit: "ms",
      note: `${floor.warm.length} joins; ${note}`,
    }),
    judge({
      id: `p2p_floor_crowd_${P2P_CROWD}_median_ms`,
      label: `P2P floor, crowd of ${P2P_CROWD}: first frame, median`,
      value: median(crowd),
      unit: "ms",
      note: `${crowd.length} of ${floor.crowd.length} played; ${P2P_CROWD} fresh contexts at once, one sender`,
    }),
    judge({
      id: `p2p_floor_crowd_${P2P_CROWD}_slowest_ms`,
      label: `P2P floor, crowd of ${P2P_CROWD}: first frame, slowest`,
      value: crowd.length === floor.crowd.length ? Math.max(...crowd) : null,
      unit: "ms",
    }),
  ];
}
