import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../token-server/src/testing/free-port.ts";
import { screenshot } from "./harness/artifacts";
import { storedShare } from "./harness/extension-internals";
import { configureServer } from "./harness/options-page";
import { requireBuiltExtension } from "./harness/paths";
import { startShare } from "./harness/popup";
import { launchSharerBrowser, type SharerBrowser } from "./harness/sharer-browser";
import { startTestPage, type TestPageServer } from "./harness/test-page";
import { launchViewerBrowser, type Viewer, type ViewerBrowser } from "./harness/viewer-browser";
import { waitFor } from "./harness/wait";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * `npm start`, the whole process a person runs (token server and embedded KVS emulator), stopped
 * with Ctrl-C during a camera share and started again on the same ports and data folder.
 */
describe("restarting npm start during a share", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "beam-e2e-restart-"));
  let port: number;
  let emulatorPort: number;
  let child: ChildProcess | undefined;
  let output = "";
  let testPage: TestPageServer;
  let sharer: SharerBrowser;
  let viewerBrowser: ViewerBrowser;
  const viewers: Viewer[] = [];

  /** `npm start` in its own process group, as a terminal runs it; resolves once it listens. */
  const start = async (): Promise<string> => {
    output = "";
    child = spawn("npm", ["start"], {
      cwd: ROOT,
      detached: true,
      env: {
        ...process.env,
        PORT: String(port),
        EMULATOR_PORT: String(emulatorPort),
        BEAM_DATA_DIR: dataDir,
        BEAM_KVS: "emulator",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    return waitFor(
      "npm start to print where it listens",
      () => output.match(/listening on (http:\/\/\S+)/)?.[1],
      {
        timeoutMs: 60_000,
      },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${output}`);
    });
  };

  /** Ctrl-C: SIGINT to the whole process group (npm, tsx, node). */
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running?.pid || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    process.kill(-running.pid, "SIGINT");
    await exited;
    // npm exits before its children are gone; the port must be free before the next start.
    await waitFor("the server's port to close", async () => {
      try {
        await fetch(`http://127.0.0.1:${port}/healthz`);
        return false;
      } catch {
        return true;
      }
    });
  };

  const framesRise = async (viewer: Viewer, what: string, by = 20) => {
    const from = (await viewer.inboundVideo()).framesDecoded;
    await waitFor(what, async () => (await viewer.inboundVideo()).framesDecoded >= from + by);
  };

  beforeAll(async () => {
    port = await freePort();
    emulatorPort = await freePort();
    testPage = await startTestPage();
    sharer = await launchSharerBrowser(requireBuiltExtension());
    viewerBrowser = await launchViewerBrowser();
  });

  afterAll(async () => {
    for (const viewer of viewers) await viewer.close().catch(() => {});
    await viewerBrowser?.close();
    await sharer?.close();
    await testPage?.close();
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("the viewer keeps playing, the popup goes live again by itself, a new viewer joins the same link", async () => {
    const url = await start();
    await configureServer(sharer, url);
    const tab = await sharer.openTab(`${testPage.url}?restart`);
    const { popup, viewerUrl } = await startShare(sharer, tab, "Share camera");
    const watching = await viewerBrowser.open(viewerUrl);
    viewers.push(watching);
    await watching.waitForFrames();

    await stop();
    await waitFor("the popup to say it is reconnecting", () => popup.getByText("Reconnecting").isVisible(), {
      timeoutMs: 20_000,
    });
    await screenshot(popup, "popup-server-restarting");
    await framesRise(watching, "the viewer to keep playing while the server is down");

    await start();
    const back = Date.now();
    // The bound: a new viewer of the same link plays within 10 s of the server being back.
    const late = await viewerBrowser.open(viewerUrl);
    viewers.push(late);
    await late.waitForFrames(Math.max(1_000, back + 10_000 - Date.now()));
    console.log(`a new viewer decoded frames ${Date.now() - back} ms after npm start listened`);
    await waitFor(
      "the share to go live again by itself",
      async () => (await storedShare(sharer)).status === "live",
    );
    await framesRise(watching, "the first viewer to keep playing after the restart");
    expect(await watching.state()).toBe("live");
    await expectLive(popup);

    await popup.getByRole("button", { name: "Stop sharing" }).click();
    await watching.waitForState("ended", 10_000);
    await stop();
  });
});

async function expectLive(popup: Page): Promise<void> {
  await waitFor(
    "the popup to drop Reconnecting",
    async () => !(await popup.getByText("Reconnecting").isVisible()),
  );
  expect(await popup.getByRole("button", { name: "Stop sharing" }).isVisible()).toBe(true);
}
