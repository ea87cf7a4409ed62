import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../token-server/src/testing/free-port.ts";
import { COTURN_BINARY, type RunningCoturn, startCoturn } from "../token-server/src/turn/coturn";
import { coturnUrls } from "../token-server/src/turn/turn-config";
import { screenshot } from "./harness/artifacts";
import { type BeamStack, startBeamStack } from "./harness/beam-server";
import { readCandidates } from "./harness/candidates";
import { configureServer } from "./harness/options-page";
import { requireBuiltExtension } from "./harness/paths";
import { startShare } from "./harness/popup";
import { launchSharerBrowser, type SharerBrowser } from "./harness/sharer-browser";
import { startTestPage, type TestPageServer } from "./harness/test-page";
import { launchViewerBrowser, type ViewerBrowser } from "./harness/viewer-browser";
import { waitFor } from "./harness/wait";

/**
 * ICE_TRANSPORT_POLICY=relay with Debian's coturn on 127.0.0.1: the emulator hands out TURN REST
 * credentials for it, both peers may only use relay candidates, and frames still arrive.
 */
describe("relay-only ICE through coturn", () => {
  let coturn: RunningCoturn;
  let server: BeamStack;
  let testPage: TestPageServer;
  let sharer: SharerBrowser;
  let viewers: ViewerBrowser;

  beforeAll(async () => {
    const secret = randomBytes(24).toString("base64url");
    const port = await freePort();
    // Every peer here is on loopback, which a real TURN server must refuse to relay to.
    coturn = await startCoturn({ listenHost: "127.0.0.1", port, secret, allowLoopbackPeers: true }).catch(
      (error: Error) => {
        throw new Error(`${error.message} (is ${COTURN_BINARY} installed? apt-get install coturn)`);
      },
    );
    server = await startBeamStack({
      turn: { urls: coturnUrls("127.0.0.1", port), secret, ttlSeconds: 300 },
      iceTransportPolicy: "relay",
    });
    testPage = await startTestPage();
    sharer = await launchSharerBrowser(requireBuiltExtension());
    viewers = await launchViewerBrowser();
    await configureServer(sharer, server.url);
  });

  afterAll(async () => {
    await viewers?.close();
    await sharer?.close();
    await testPage?.close();
    await server?.close();
    await coturn?.close();
  });

  it("a camera share reaches the viewer through coturn, and the stats overlay says relay", async () => {
    const tab = await sharer.openTab(`${testPage.url}?camera`);
    const { viewerUrl } = await startShare(sharer, tab, "Share camera");
    const viewer = await viewers.open(viewerUrl);
    try {
      await viewer.waitForState("live", 30_000);
      const { stats } = await viewer.waitForFrames(30_000);
      expect(stats.framesDecoded).toBeGreaterThan(0);

      const candidates = await viewer.page.evaluate(readCandidates);
      expect(candidates.policies).toEqual(["relay"]);
      expect(candidates.selectedLocal).toEqual(["relay"]);
      expect(candidates.selectedRemote).toEqual(["relay"]);
      // The sharer applied the policy too: it offered nothing but relay candidates.
      expect(candidates.remoteTypes.length).toBeGreaterThan(0);
      expect(new Set(candidates.remoteTypes)).toEqual(new Set(["relay"]));
      expect(candidates.selectedLocalUrls).toEqual([expect.stringContaining(`127.0.0.1:${coturn.port}`)]);

      await viewer.page.getByRole("button", { name: "Stats" }).click();
      const panel = viewer.page.getByRole("region", { name: "Connection statistics" });
      await waitFor("the stats overlay to say the connection is relayed", async () =>
        ((await panel.textContent()) ?? "").includes("Relay (TURN)"),
      );
      await screenshot(viewer.page, "viewer-relay-stats");
    } finally {
      await viewer.close();
    }
  });
});
