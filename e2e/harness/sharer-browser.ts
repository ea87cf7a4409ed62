import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Browser,
  type BrowserContext,
  type CDPSession,
  chromium,
  type Page,
  type Worker,
} from "playwright-core";
import { freePort } from "../../token-server/src/testing/free-port.ts";
import { BASE_ARGS, CHROMIUM_PATH } from "./chromium";
import { waitFor } from "./wait";

/** The person sharing: a Chromium profile with the built extension loaded, driven like a user. */
export interface SharerBrowser {
  context: BrowserContext;
  extensionId: string;
  extensionOrigin: string;
  /** The browser's remote-debugging port, for raw CDP to targets Playwright does not list. */
  debuggingPort: number;
  /** The extension's service worker as it is now (a restarted worker is looked up again). */
  serviceWorker(): Promise<Worker>;
  /** Opens a normal tab and waits for it to load. */
  openTab(url: string): Promise<Page>;
  /** Clicks the toolbar button for `tab` and returns the popup page it opens. */
  openPopup(tab: Page): Promise<Page>;
  /** The popups open right now, however they were opened (a click, or Beam reopening one). */
  openPopups(): Promise<Page[]>;
  /** Opens an extension page (options.html, …) in a tab of its own. */
  openExtensionPage(path: string): Promise<Page>;
  badgeText(): Promise<string>;
  close(): Promise<void>;
}

/** `args` are extra Chromium flags (e.g. `--host-resolver-rules`). */
export async function launchSharerBrowser(extensionDir: string, args: string[] = []): Promise<SharerBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "beam-e2e-sharer-"));
  const debuggingPort = await freePort();
  let context: BrowserContext | undefined;
  const connections: Browser[] = [];
  const close = async () => {
    for (const connection of connections) await connection.close().catch(() => {});
    await context?.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      // Playwright mutes headless Chromium, and a muted tab's capture is silence (measured: RMS 0
      // of a tab playing a tone, captured by Chrome's own tabCapture); people's browsers are not muted.
      ignoreDefaultArgs: ["--mute-audio"],
      viewport: { width: 1280, height: 720 },
      // Tab capture fails under --use-fake-ui-for-media-stream, so the sharer never gets it; the
      // camera permission is granted to the extension origin over CDP instead.
      args: [
        ...BASE_ARGS,
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        "--enable-unsafe-extension-debugging",
        `--remote-debugging-port=${debuggingPort}`,
        ...args,
      ],
    });
    const worker =
      context.serviceWorkers()[0] ??
      (await context.waitForEvent("serviceworker", { timeout: 15_000 }).catch(() => {
        throw new Error(`the extension in ${extensionDir} did not start a service worker (did it load?)`);
      }));
    const extensionId = new URL(worker.url()).host;
    const extensionOrigin = `chrome-extension://${extensionId}`;
    const cdp = await context.browser()?.newBrowserCDPSession();
    if (!cdp) throw new Error("no browser-level CDP session on the sharer browser");
    await cdp.send("Browser.grantPermissions", {
      origin: extensionOrigin,
      permissions: ["videoCapture", "audioCapture", "clipboardReadWrite", "clipboardSanitizedWrite"],
    });
    const ctx = context;
    return {
      context: ctx,
      extensionId,
      extensionOrigin,
      debuggingPort,
      serviceWorker: () => currentWorker(ctx, extensionOrigin),
      openTab: async (url) => {
        const page = await ctx.newPage();
        await page.goto(url);
        return page;
      },
      openPopup: (tab) => openPopup(cdp, debuggingPort, connections, extensionId, tab),
      openPopups: async () => {
        const connection = await chromium.connectOverCDP(`http://127.0.0.1:${debuggingPort}`);
        connections.push(connection);
        return popupPages(connection, extensionId);
      },
      openExtensionPage: async (path) => {
        const page = await ctx.newPage();
        await page.goto(`${extensionOrigin}/${path}`);
        return page;
      },
      badgeText: async () =>
        (await currentWorker(ctx, extensionOrigin)).evaluate<string>("chrome.action.getBadgeText({})"),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function currentWorker(context: BrowserContext, origin: string): Promise<Worker> {
  return waitFor("the extension service worker", () =>
    context.serviceWorkers().find((w) => w.url().startsWith(`${origin}/`)),
  );
}

const POPUP_PATH = "/popup.html";

function popupPages(connection: Browser, extensionId: string): Page[] {
  const popupUrl = `chrome-extension://${extensionId}${POPUP_PATH}`;
  return connection
    .contexts()
    .flatMap((c) => c.pages())
    .filter((p) => p.url().startsWith(popupUrl) && !p.isClosed());
}

type TargetInfo = { targetId: string; type: string; url: string };

/**
 * A toolbar click: `Extensions.triggerAction` on the tab's target, exactly like a user's click
 * (it grants activeTab). The popup is a target that only a CDP connection made after it exists lists,
 * so each popup gets a fresh `connectOverCDP` handle, closed with the browser.
 */
async function openPopup(
  cdp: CDPSession,
  debuggingPort: number,
  connections: Browser[],
  extensionId: string,
  tab: Page,
): Promise<Page> {
  const popupUrl = `chrome-extension://${extensionId}${POPUP_PATH}`;
  const targets = async (type: string): Promise<TargetInfo[]> =>
    (await cdp.send("Target.getTargets", { filter: [{ type }] })).targetInfos;
  const tabTargets = (await targets("tab")).filter((t) => t.url === tab.url());
  if (tabTargets.length !== 1)
    throw new Error(`expected one tab at ${tab.url()}, found ${tabTargets.length}`);
  const earlier = new Set((await targets("page")).map((t) => t.targetId));
  await tab.bringToFront();
  await cdp.send("Extensions.triggerAction", { id: extensionId, targetId: tabTargets[0]?.targetId ?? "" });
  await waitFor("the popup target", async () =>
    (await targets("page")).find((t) => !earlier.has(t.targetId) && t.url.startsWith(popupUrl)),
  );
  const connection = await chromium.connectOverCDP(`http://127.0.0.1:${debuggingPort}`);
  connections.push(connection);
  const popup = await waitFor("the popup page", () => popupPages(connection, extensionId)[0]);
  await popup.waitForLoadState("domcontentloaded");
  return popup;
}
