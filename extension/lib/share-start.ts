/**
 * The start of a share, from the checks to live: the popup's tab, the master's document, the camera
 * permission, then session, capture and master. The share controller runs it inside its failure
 * guard and hands in its one state writer.
 */
import { QUALITY_PRESETS } from "../../protocol/quality.ts";
import type { ShareEvent, ShareSource, ShareState } from "../../protocol/share.ts";
import { isCapturableUrl } from "./capturable.ts";
import type { ControllerPorts } from "./controller-ports.ts";
import type { LinkAnnouncer } from "./link-announcer.ts";
import { ShareFailure } from "./share-failure.ts";

export interface StartDeps {
  ports: ControllerPorts;
  dispatch(event: ShareEvent): Promise<ShareState>;
  announcer: LinkAnnouncer;
  /** Undoes what a start made when it was stopped meanwhile. */
  release(): Promise<void>;
}

/** A tab's capture stream id, Chrome's refusal turned into a share error. */
export async function tabStreamId(ports: ControllerPorts, tabId: number): Promise<string> {
  try {
    return await ports.tabs.streamIdFor(tabId);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const code = /chrome pages|cannot be captured/i.test(message)
      ? "tab_not_capturable"
      : "tab_capture_failed";
    throw new ShareFailure(code, message, { cause });
  }
}

export function createShareStart({ ports, dispatch, announcer, release }: StartDeps) {
  const stillStarting = async () => (await ports.state.get()).status === "starting";

  /** The popup's tab, read once per start: its URL decides a tab share, its title names the session. */
  const describe = (tabId: number | undefined) =>
    tabId === undefined ? Promise.resolve(undefined) : ports.tabs.describe(tabId);

  /** Session, capture, master: the part of a start that follows any permission prompt. */
  const launch = async (source: ShareSource, tabId: number | undefined, tabTitle: string | undefined) => {
    await dispatch({ type: "phase", phase: "session" });
    const settings = await ports.settings();
    const client = ports.tokenClient(settings.serverUrl, settings.apiKey || undefined);
    const title = tabTitle?.slice(0, 120).trim() || undefined;
    const created = await client.createSession({ source, title });
    await ports.secret.set({
      sessionId: created.sessionId,
      masterToken: created.masterToken,
      serverUrl: settings.serverUrl,
    });
    if (!(await stillStarting())) return release();
    await dispatch({ type: "phase", phase: "capture" });
    // Stream ids expire within seconds, so this comes right before the master's document uses it.
    const capture =
      source === "tab" ? { source, streamId: await tabStreamId(ports, tabId ?? -1) } : { source };
    const reply = await ports.master.send({
      to: "master",
      type: "master:start",
      capture,
      quality: QUALITY_PRESETS[settings.quality],
      channelArn: created.channelArn,
      region: created.region,
      credentials: created.master,
      askBeforeJoin: settings.askBeforeJoin,
    });
    if (!reply.ok) throw reply.error;
    if (!(await stillStarting())) return release();
    const session = {
      sessionId: created.sessionId,
      viewerUrl: created.viewerUrl,
      expiresAt: created.expiresAt,
      serverUrl: settings.serverUrl,
    };
    await dispatch({ type: "live", session, at: ports.now(), askBeforeJoin: settings.askBeforeJoin });
    await announcer.announce("live", created.viewerUrl);
  };

  return {
    /** Runs a start up to live, or up to the permission page when the camera must be asked for. */
    async begin(source: ShareSource, tabId: number | undefined): Promise<void> {
      if (source === "tab" && tabId === undefined)
        throw new ShareFailure("invalid_request", "No tab to share");
      const tab = await describe(tabId);
      if (source === "tab" && !isCapturableUrl(tab?.url))
        throw new ShareFailure("tab_not_capturable", tab?.url ?? "");
      await ports.master.ensure().catch((cause: unknown) => {
        throw new ShareFailure("offscreen_failed", String(cause), { cause });
      });
      if (source === "camera") {
        const reply = await ports.master.send({ to: "master", type: "camera:permission" });
        const permission = reply.ok ? reply.value : "prompt";
        if (permission === "denied") throw new ShareFailure("camera_denied", "Camera permission is blocked");
        if (permission === "prompt") {
          const permissionTabId = await ports.tabs.openPermissionPage();
          await dispatch({ type: "phase", phase: "permission", permissionTabId });
          return;
        }
      }
      await launch(source, tabId, tab?.title);
    },

    /** The permission page allowed the camera: the start goes on where `begin` left it. */
    async resume(source: ShareSource, tabId: number | undefined): Promise<void> {
      await launch(source, tabId, (await describe(tabId))?.title);
    },
  };
}
