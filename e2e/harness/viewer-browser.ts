import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { BASE_ARGS, CHROMIUM_PATH } from "./chromium";
import { type InboundVideoStats, RECORD_PEER_CONNECTIONS, readInboundVideo } from "./pc-recorder";
import { waitFor } from "./wait";

/** One person watching: a page in its own browser context (own storage, own viewer id). */
export interface Viewer {
  page: Page;
  context: BrowserContext;
  state(): Promise<string | null>;
  waitForState(state: string, timeoutMs?: number): Promise<void>;
  inboundVideo(): Promise<InboundVideoStats>;
  /** Waits until frames are decoded and the <video> element knows its size. */
  waitForFrames(timeoutMs?: number): Promise<{ stats: InboundVideoStats; width: number; height: number }>;
  /** RGB of the pixel at the centre of the playing video. */
  centrePixel(): Promise<[number, number, number]>;
  /** How many RTCPeerConnections the page has created so far. */
  peerConnectionCount(): Promise<number>;
  /** The KVS client id the server gave this viewer in its latest join (what the popup's list names). */
  clientId(): Promise<string>;
  /** Status codes of every viewer join request the page made, in order. */
  joinStatuses(): number[];
  close(): Promise<void>;
}

/** A browser separate from the sharer's, where each viewer gets a fresh context. */
export interface ViewerBrowser {
  browser: Browser;
  /** `device` overrides the default desktop viewport (a phone: viewport, isMobile, hasTouch). */
  open(url: string, device?: BrowserContextOptions): Promise<Viewer>;
  close(): Promise<void>;
}

/** `args` are extra Chromium flags (e.g. `--host-resolver-rules` to give this machine a LAN name). */
export async function launchViewerBrowser(args: string[] = []): Promise<ViewerBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...BASE_ARGS, "--use-fake-ui-for-media-stream", ...args],
  });
  return {
    browser,
    open: (url, device) => openViewer(browser, url, device),
    close: () => browser.close(),
  };
}

async function openViewer(browser: Browser, url: string, device?: BrowserContextOptions): Promise<Viewer> {
  const context = await browser.newContext(device ?? { viewport: { width: 960, height: 600 } });
  await context.addInitScript(RECORD_PEER_CONNECTIONS);
  const page = await context.newPage();
  // Kept so a failed wait can say what the page said.
  const log: string[] = [];
  page.on("console", (message) => log.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => log.push(`pageerror: ${error.message}`));
  page.on("requestfailed", (request) =>
    log.push(`requestfailed: ${request.url()} ${request.failure()?.errorText}`),
  );
  const joins: number[] = [];
  let clientId: string | undefined;
  page.on("response", (response) => {
    if (!/\/api\/sessions\/[^/]+\/viewers$/.test(new URL(response.url()).pathname)) return;
    joins.push(response.status());
    void response
      .json()
      .then((body: { clientId?: string }) => {
        if (body.clientId) clientId = body.clientId;
      })
      .catch(() => {});
  });
  await page.goto(url);
  const state = () => page.evaluate(() => document.body?.dataset.state ?? null);
  return {
    page,
    context,
    state,
    waitForState: async (expected, timeoutMs = 15_000) => {
      try {
        await page.waitForFunction((s) => document.body?.dataset.state === s, expected, {
          timeout: timeoutMs,
        });
      } catch (error) {
        const seen = await state().catch(() => "unknown");
        const said = log.slice(-8).join("\n  ");
        throw new Error(
          `viewer state stayed "${seen}" instead of "${expected}" (${String(error)})\n  ${said}`,
        );
      }
    },
    inboundVideo: () => page.evaluate(readInboundVideo),
    waitForFrames: async (timeoutMs = 20_000) => {
      const stats = await waitFor(
        "the viewer to decode video frames",
        async () => {
          const s = await page.evaluate(readInboundVideo);
          return s.framesDecoded > 0 && s;
        },
        { timeoutMs },
      );
      const size = await waitFor("the <video> element to know its size", () =>
        page.evaluate(() => {
          const video = document.querySelector("video");
          return video && video.videoWidth > 0 && video.videoHeight > 0
            ? { width: video.videoWidth, height: video.videoHeight }
            : undefined;
        }),
      );
      return { stats, ...size };
    },
    centrePixel: () =>
      page.evaluate(() => {
        const video = document.querySelector("video");
        if (!video || video.videoWidth === 0) throw new Error("no playing <video>");
        const canvas = document.createElement("canvas");
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        const ctx = canvas.getContext("2d") as CanvasRenderingContext2D;
        ctx.drawImage(video, 0, 0);
        const [r, g, b] = ctx.getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1).data;
        return [r, g, b] as [number, number, number];
      }),
    peerConnectionCount: () =>
      page.evaluate(() => (window as unknown as { __pcs?: unknown[] }).__pcs?.length ?? 0),
    clientId: () => waitFor("the viewer's join response", () => clientId),
    joinStatuses: () => [...joins],
    close: async () => {
      // Closing the tab first lets the page run its pagehide handlers, as when a person closes it.
      await page.close().catch(() => {});
      await context.close();
    },
  };
}
