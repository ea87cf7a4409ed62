import { type BeamStack, type BeamStackOptions, startBeamStack } from "./beam-server";
import { configureServer } from "./options-page";
import { requireBuiltExtension } from "./paths";
import { launchSharerBrowser, type SharerBrowser } from "./sharer-browser";
import { startTestPage, type TestPageServer } from "./test-page";
import { launchViewerBrowser, type ViewerBrowser } from "./viewer-browser";

export interface ShareStackOptions {
  server?: BeamStackOptions;
  sharerArgs?: string[];
  viewerArgs?: string[];
  /** Point the extension's options at the server (off to test what the defaults do). */
  configure?: boolean;
}

/** What most browser tests need: a token server, a page to share, a sharer and a viewer browser. */
export interface ShareStack {
  server: BeamStack;
  testPage: TestPageServer;
  sharer: SharerBrowser;
  viewerBrowser: ViewerBrowser;
  /** Closes everything it started, in reverse order, even after a partial start. */
  close(): Promise<void>;
}

export async function startShareStack(options: ShareStackOptions = {}): Promise<ShareStack> {
  const started: { close(): Promise<void> }[] = [];
  const track = async <T extends { close(): Promise<void> }>(starting: Promise<T>) => {
    const thing = await starting;
    started.unshift(thing);
    return thing;
  };
  const close = async () => {
    for (const thing of started.splice(0)) await thing.close().catch(() => {});
  };
  try {
    const server = await track(startBeamStack(options.server));
    const testPage = await track(startTestPage());
    const sharer = await track(launchSharerBrowser(requireBuiltExtension(), options.sharerArgs));
    const viewerBrowser = await track(launchViewerBrowser(options.viewerArgs));
    if (options.configure ?? true) await configureServer(sharer, server.url);
    return { server, testPage, sharer, viewerBrowser, close };
  } catch (error) {
    await close();
    throw error;
  }
}
