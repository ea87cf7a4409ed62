import { describe, expect, it } from "vitest";
import { fakes } from "./share-controller.fakes.ts";
import { createShareController } from "./share-controller.ts";

async function liveShare(options: Parameters<typeof fakes>[0] = {}) {
  const f = fakes(options);
  const share = createShareController(f.ports);
  await share.start("camera");
  f.log.length = 0;
  return { f, share, live: share.controls };
}

describe("live controls", () => {
  it("switches from the camera to a tab on the same share and records the new source", async () => {
    const { f, live } = await liveShare();
    const state = await live.switchSource("tab", 7);
    expect(state).toMatchObject({ status: "live", source: "tab", tabId: 7, startedAt: 5000 });
    // No popup is open in this test, so the one a tab capture closes is brought back.
    expect(f.log).toEqual(["streamId 7", "send master:switch tab", "tell switched"]);
  });

  it("refuses to switch to a page Chrome does not allow capturing", async () => {
    const { f, live } = await liveShare({ tabUrl: "chrome://settings/" });
    await expect(live.switchSource("tab", 7)).rejects.toMatchObject({ code: "tab_not_capturable" });
    expect(f.state()).toMatchObject({ source: "camera" });
  });

  it("waits for the camera permission page before switching to the camera", async () => {
    const { f, share, live } = await liveShare();
    await live.switchSource("tab", 7);
    f.masterReplies["camera:permission"] = { ok: true, value: "prompt" };
    expect(await live.switchSource("camera")).toMatchObject({ source: "tab", pendingSwitch: "camera" });
    expect(await share.permissionResult(true)).toMatchObject({ source: "camera", tabId: undefined });
    expect(f.log).toContain("send master:switch camera");
  });

  it("pauses, resumes and mutes through the master and keeps the state", async () => {
    const { f, live } = await liveShare();
    expect(await live.togglePause()).toMatchObject({ paused: true });
    expect(await live.togglePause()).toMatchObject({ paused: false });
    expect(await live.mute(true)).toMatchObject({ audioMuted: true });
    expect(f.log).toEqual([
      'send master:controls {"paused":true}',
      'send master:controls {"paused":false}',
      'send master:controls {"audioMuted":true}',
    ]);
  });

  it("removes a viewer on the server before closing its connection", async () => {
    const { f, live } = await liveShare();
    await live.remove("viewer-abcdefgh");
    expect(f.log).toEqual(["remove session-0123456789 viewer-abcdefgh", "send master:remove"]);
  });

  it("makes a new link, hands its token to the viewers still watching, shows it and copies it", async () => {
    const { f, live } = await liveShare();
    const newUrl = "http://127.0.0.1:8787/v/session-0123456789#new-token";
    const state = await live.newLink("viewer-abcdefgh");
    expect(state).toMatchObject({ session: { viewerUrl: newUrl }, copiedUrl: newUrl });
    expect(f.log).toEqual([
      "remove session-0123456789 viewer-abcdefgh",
      "send master:remove",
      "new link session-0123456789",
      "send master:link new-token",
      `clipboard ${newUrl}`,
      "tell new-link copied",
    ]);
  });

  it("notifies a join request only when the popup is closed, and clears it when answered", async () => {
    const { f, live } = await liveShare();
    f.setPopupOpen(true);
    await live.joinRequest("viewer-a");
    f.setPopupOpen(false);
    await live.joinRequest("viewer-b");
    await live.admit("viewer-b", true);
    expect(f.log).toEqual(["notify viewer-b", "clear viewer-b", "send master:admit"]);
  });

  it("refuses controls when no share is live", async () => {
    const f = fakes();
    const { controls } = createShareController(f.ports);
    await expect(controls.pause(true)).rejects.toMatchObject({ code: "session_ended" });
    expect(await controls.togglePause()).toEqual({ status: "idle" });
  });
});
