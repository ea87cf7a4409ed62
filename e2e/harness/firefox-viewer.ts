import type { Browser, Page } from "puppeteer-core";
import { type InboundVideoStats, RECORD_PEER_CONNECTIONS, readInboundVideo } from "./pc-recorder";
import { waitFor } from "./wait";

/** One person watching in Firefox: the viewer page in its own browser context. */
export interface FirefoxViewer {
  page: Page;
  waitForState(state: string, timeoutMs?: number): Promise<void>;
  inboundVideo(): Promise<InboundVideoStats>;
  waitForFrames(timeoutMs?: number): Promise<{ stats: InboundVideoStats; width: number; height: number }>;
  close(): Promise<void>;
}

export async function openFirefoxViewer(browser: Browser, url: string): Promise<FirefoxViewer> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const log: string[] = [];
  page.on("console", (message) => log.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => log.push(`pageerror: ${String(error)}`));
  await page.evaluateOnNewDocument(RECORD_PEER_CONNECTIONS);
  await page.goto(url);
  const state = () => page.evaluate(() => document.body?.dataset.state ?? null);
  return {
    page,
    waitForState: async (expected, timeoutMs = 15_000) => {
      await waitFor(`the Firefox viewer to show "${expected}"`, async () => (await state()) === expected, {
        timeoutMs,
      }).catch(async (error: unknown) => {
        const seen = await state().catch(() => "unknown");
        const candidates = await page.evaluate(listCandidates).catch(() => []);
        throw new Error(
          `Firefox viewer stayed "${seen}": ${String(error)}\n  candidates: ${candidates.join(", ")}\n  ${log.slice(-6).join("\n  ")}`,
        );
      });
    },
    inboundVideo: () => page.evaluate(readInboundVideo),
    waitForFrames: async (timeoutMs = 20_000) => {
      const stats = await waitFor(
        "the Firefox viewer to decode video frames",
        async () => {
          const s = await page.evaluate(readInboundVideo);
          return s.framesDecoded > 0 && s;
        },
        { timeoutMs },
      );
      const size = await waitFor("the Firefox <video> element to know its size", () =>
        page.evaluate(() => {
          const video = document.querySelector("video");
          return video && video.videoWidth > 0
            ? { width: video.videoWidth, height: video.videoHeight }
            : undefined;
        }),
      );
      return { stats, ...size };
    },
    close: async () => {
      await page.close().catch(() => {});
      await context.close().catch(() => {});
    },
  };
}

/** Runs in the page: every ICE candidate the recorded connections know, for failure messages. */
async function listCandidates(): Promise<string[]> {
  const pcs = (window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? [];
  const found: string[] = [];
  for (const pc of pcs) {
    (await pc.getStats()).forEach((report: Record<string, unknown>) => {
      if (report.type === "local-candidate" || report.type === "remote-candidate")
        found.push(
          `${report.type} ${report.protocol} ${report.address}:${report.port} ${report.candidateType}`,
        );
    });
  }
  return found;
}
