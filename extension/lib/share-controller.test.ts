import { describe, expect, it } from "vitest";
import type { MasterMessage, Reply, ReplyOf } from "../../protocol/extension-messages.ts";
import { DEFAULT_SETTINGS } from "./settings.ts";
import { created, fakes } from "./share-controller.fakes.ts";
import { createShareController } from "./share-controller.ts";
import { ShareFailure } from "./share-failure.ts";

describe("share controller", () => {
  it("starts a tab share: session, stream id, master, then live with the link copied", async () => {
    const f = fakes();
    const state = await createShareController(f.ports).start("tab", 7);
    expect(state).toMatchObject({ status: "live", source: "tab", tabId: 7, startedAt: 5000, peers: 0 });
    expect(state.status === "live" && state.session.viewerUrl).toBe(created.viewerUrl);
    expect(state).toMatchObject({ copiedUrl: created.viewerUrl });
    expect(f.log).toEqual([
      "master ensure",
      "create tab Example",
      "streamId 7",
      "send master:start",
      `clipboard ${created.viewerUrl}`,
      // No popup is open in this test: the person is told another way.
      "tell live copied",
    ]);
    expect(f.secret()).toMatchObject({ sessionId: created.sessionId, masterToken: "master-token" });
  });

  it("starts a screen share: the offscreen document runs the browser's picker, no tab or camera check", async () => {
    const f = fakes({ camera: "denied" });
    const sent: MasterMessage[] = [];
    const send = f.ports.master.send;
    f.ports.master.send = async <M extends MasterMessage>(message: M) => {
      sent.push(message);
      return send(message);
    };
    const state = await createShareController(f.ports).start("screen");
    expect(state).toMatchObject({ status: "live", source: "screen" });
    expect(f.log).toEqual([
      "master ensure",
      "create screen",
      "send master:start",
      `clipboard ${created.viewerUrl}`,
      "tell live copied",
    ]);
    expect(sent.find((m) => m.type === "master:start")).toMatchObject({ capture: { source: "screen" } });
  });

  it("leaves the news to an open popup, and tells again when the capture closes it moments later", async () => {
    const f = fakes();
    const share = createShareController(f.ports);
    share.popupOpened();
    await share.start("tab", 7);
    expect(f.log.some((line) => line.startsWith("tell"))).toBe(false);
    await share.popupClosed();
    expect(f.log.at(-1)).toBe("tell live copied");
  });

  it("does not touch the clipboard when copying is turned off in Options", async () => {
    const f = fakes();
    f.ports.settings = async () => ({ ...DEFAULT_SETTINGS, copyLinkOnStart: false });
    const state = await createShareController(f.ports).start("camera");
    expect(state).toMatchObject({ status: "live" });
    expect("copiedUrl" in state).toBe(false);
    expect(f.log.some((line) => line.startsWith("clipboard"))).toBe(false);
    expect(f.log).toContain("tell live");
  });

  it("stays live, saying nothing was copied, when the browser refuses the clipboard", async () => {
    const f = fakes();
    f.ports.copyToClipboard = async () => false;
    const state = await createShareController(f.ports).start("camera");
    expect(state).toMatchObject({ status: "live" });
    expect("copiedUrl" in state).toBe(false);
    expect(f.log).toContain("tell live");
  });

  it("refuses an uncapturable tab before creating anything", async () => {
    const f = fakes({ tabUrl: "chrome://settings/" });
    const state = await createShareController(f.ports).start("tab", 7);
    expect(state).toMatchObject({ status: "failed", error: { code: "tab_not_capturable" } });
    expect(f.log.filter((line) => line.startsWith("create"))).toEqual([]);
  });

  it("reads the popup's tab once per start: its URL for the check, its title for the session", async () => {
    const f = fakes();
    const describe = f.ports.tabs.describe;
    let reads = 0;
    f.ports.tabs.describe = async (tabId) => {
      reads += 1;
      return describe(tabId);
    };
    await createShareController(f.ports).start("tab", 7);
    expect(reads).toBe(1);
    expect(f.log).toContain("create tab Example");
  });

  it("turns Chrome's refusal of a stream id into tab_not_capturable and deletes the session", async () => {
    const f = fakes();
    f.ports.tabs.streamIdFor = async () => {
      throw new Error("Chrome pages cannot be captured.");
    };
    const state = await createShareController(f.ports).start("tab", 7);
    expect(state).toMatchObject({ status: "failed", error: { code: "tab_not_capturable" } });
    expect(f.log).toContain(`delete ${created.sessionId} master-token`);
    expect(f.log).toContain("master close");
    expect(f.secret()).toBeNull();
  });

  it("fails with the server's code when the session cannot be created", async () => {
    const f = fakes({ createFails: new ShareFailure("unauthorized", "Bad key") });
    const state = await createShareController(f.ports).start("camera");
    expect(state).toEqual({
      status: "failed",
      source: "camera",
      error: { code: "unauthorized", message: "Bad key" },
    });
  });

  it("opens the permission page for a first camera share and continues when it is granted", async () => {
    const f = fakes({ camera: "prompt" });
    const share = createShareController(f.ports);
    const waiting = await share.start("camera");
    expect(waiting).toMatchObject({ status: "starting", phase: "permission", permissionTabId: 99 });
    expect(f.log).not.toContain("create camera");
    const live = await share.permissionResult(true);
    expect(live).toMatchObject({ status: "live", source: "camera" });
  });

  it("fails the camera share when the permission page is closed unanswered", async () => {
    const f = fakes({ camera: "prompt" });
    const share = createShareController(f.ports);
    await share.start("camera");
    await share.tabRemoved(99);
    expect(f.state()).toMatchObject({ status: "failed", error: { code: "camera_denied" } });
  });

  it("fails at once when the camera is blocked", async () => {
    const f = fakes({ camera: "denied" });
    const state = await createShareController(f.ports).start("camera");
    expect(state).toMatchObject({ status: "failed", error: { code: "camera_denied" } });
    expect(f.log).not.toContain("permission page");
  });

  it("stops: ends the share, stops the master and deletes the session", async () => {
    const f = fakes();
    const share = createShareController(f.ports);
    await share.start("tab", 7);
    const ended = await share.stop();
    expect(ended).toEqual({ status: "ended", reason: "stopped", source: "tab" });
    expect(f.log.slice(-3)).toEqual([
      "send master:stop",
      "master close",
      `delete ${created.sessionId} master-token`,
    ]);
  });

  it("ends the share when the shared tab closes, and only that tab", async () => {
    const f = fakes();
    const share = createShareController(f.ports);
    await share.start("tab", 7);
    await share.tabRemoved(8);
    expect(f.state().status).toBe("live");
    await share.tabRemoved(7);
    expect(f.state()).toMatchObject({ status: "ended", reason: "tab_closed" });
  });

  it("ends the share when the shared tab navigates to an uncapturable page", async () => {
    const f = fakes();
    const share = createShareController(f.ports);
    await share.start("tab", 7);
    await share.tabNavigated(7, "https://example.org/next");
    expect(f.state().status).toBe("live");
    await share.tabNavigated(7, "chrome://newtab/");
    expect(f.state()).toMatchObject({ status: "ended", reason: "tab_navigated" });
  });

  it("counts viewers and follows signaling while live", async () => {
    const f = fakes();
    const share = createShareController(f.ports);
    await share.start("camera");
    await Promise.all([share.peers(1), share.peers(2), share.signaling("reconnecting")]);
    expect(f.state()).toMatchObject({ status: "reconnecting", peers: 2 });
    await share.signaling("open");
    expect(f.state()).toMatchObject({ status: "live", peers: 2 });
  });

  it("refreshes master credentials with the stored master token", async () => {
    const f = fakes();
    const share = createShareController(f.ports);
    await share.start("camera");
    await expect(share.credentials()).resolves.toEqual(created.master);
    expect(f.log).toContain(`refresh ${created.sessionId} master-token`);
  });

  it("does not go live when stopped while starting", async () => {
    const f = fakes();
    const share = createShareController(f.ports);
    f.ports.master.send = async <M extends MasterMessage>(message: M) => {
      f.log.push(`send ${message.type}`);
      if (message.type === "master:start") await share.stop();
      return f.masterReplies[message.type] as Reply<ReplyOf<M>>;
    };
    const state = await share.start("camera");
    expect(state).toMatchObject({ status: "ended", reason: "stopped" });
    expect(f.secret()).toBeNull();
  });

  it("ends a live share whose master is gone after a service-worker restart", async () => {
    const f = fakes();
    const share = createShareController(f.ports);
    await share.start("camera");
    await share.reconcile(true);
    expect(f.state().status).toBe("live");
    await share.reconcile(false);
    expect(f.state()).toMatchObject({ status: "ended", reason: "capture_ended" });
  });
});
