import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness/artifacts";
import { type BeamStack, startBeamStack } from "./harness/beam-server";
import { createSession, tamperWithToken } from "./harness/sessions-api";
import { launchViewerBrowser, type ViewerBrowser } from "./harness/viewer-browser";

const SHORT_TTL_SECONDS = 2;

/** Links that cannot work: the viewer page must say why instead of spinning. */
describe("viewer page with a bad link", () => {
  let server: BeamStack;
  let shortLived: BeamStack;
  let browser: ViewerBrowser;

  beforeAll(async () => {
    server = await startBeamStack();
    shortLived = await startBeamStack({ sessionTtlSeconds: SHORT_TTL_SECONDS });
    browser = await launchViewerBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await shortLived?.close();
  });

  it("shows invalid for a link without a token", async () => {
    const viewer = await browser.open(`${server.url}/v/not-a-real-session`);
    try {
      await viewer.waitForState("invalid");
      await screenshot(viewer.page, "viewer-invalid");
    } finally {
      await viewer.close();
    }
  });

  it("shows invalid for a link whose token was tampered with", async () => {
    const session = await createSession(server.url);
    const viewer = await browser.open(tamperWithToken(session.viewerUrl));
    try {
      await viewer.waitForState("invalid");
    } finally {
      await viewer.close();
    }
  });

  it("shows expired once the session's token has expired", async () => {
    const session = await createSession(shortLived.url);
    const wait = Date.parse(session.expiresAt) - Date.now() + 500;
    expect(wait).toBeLessThan((SHORT_TTL_SECONDS + 1) * 1000);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
    const viewer = await browser.open(session.viewerUrl);
    try {
      await viewer.waitForState("expired");
      await screenshot(viewer.page, "viewer-expired");
    } finally {
      await viewer.close();
    }
  });
});
