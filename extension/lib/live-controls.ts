/**
 * What the person sharing can change while live: the source (same connections), pause, mute,
 * ask-before-join and its requests, removing a viewer, a new link. The background's share
 * controller hands in its ports and its one state writer.
 */
import type { CaptureRequest, MasterMessage, ReplyOf } from "../../protocol/extension-messages.ts";
import { isLive, type ShareEvent, type ShareSource, type ShareState } from "../../protocol/share.ts";
import { isCapturableUrl } from "./capturable.ts";
import { type ControllerPorts, sessionServer } from "./controller-ports.ts";
import type { LinkAnnouncer } from "./link-announcer.ts";
import { ShareFailure } from "./share-failure.ts";

export interface LiveControlDeps {
  ports: ControllerPorts;
  dispatch(event: ShareEvent): Promise<ShareState>;
  streamIdFor(tabId: number): Promise<string>;
  announcer: LinkAnnouncer;
}

export function createLiveControls({ ports, dispatch, streamIdFor, announcer }: LiveControlDeps) {
  const live = async () => {
    const state = await ports.state.get();
    if (!isLive(state)) throw new ShareFailure("session_ended", "No share is live");
    return state;
  };

  const master = async <M extends MasterMessage>(message: M): Promise<ReplyOf<M>> => {
    const reply = await ports.master.send(message);
    if (!reply.ok) throw reply.error;
    return reply.value;
  };

  const server = () => sessionServer(ports);

  const switchTo = async (capture: CaptureRequest, tabId?: number) => {
    await master({ to: "master", type: "master:switch", capture });
    return dispatch({ type: "switched", source: capture.source, tabId });
  };

  return {
    async switchSource(source: ShareSource, tabId?: number): Promise<ShareState> {
      await live();
      if (source === "tab") {
        if (tabId === undefined) throw new ShareFailure("invalid_request", "No tab to share");
        const { url } = await ports.tabs.describe(tabId);
        if (!isCapturableUrl(url)) throw new ShareFailure("tab_not_capturable", url ?? "");
        const state = await switchTo({ source: "tab", streamId: await streamIdFor(tabId) }, tabId);
        // The capture's focus change closes the popup that asked for it, as on *Share this tab*.
        await announcer.switched();
        return state;
      }
      const permission = await master({ to: "master", type: "camera:permission" });
      if (permission === "denied") throw new ShareFailure("camera_denied", "Camera permission is blocked");
      if (permission === "prompt") {
        await ports.tabs.openPermissionPage();
        return dispatch({ type: "switch_pending", pending: "camera" });
      }
      return switchTo({ source: "camera" });
    },

    /** The permission page answered a switch to the camera. */
    async permissionResult(granted: boolean): Promise<ShareState> {
      const state = await ports.state.get();
      if (!isLive(state) || state.pendingSwitch !== "camera") return state;
      if (!granted) return dispatch({ type: "switch_pending", pending: undefined });
      return switchTo({ source: "camera" });
    },

    async pause(paused: boolean): Promise<ShareState> {
      await live();
      await master({ to: "master", type: "master:controls", paused });
      return dispatch({ type: "paused", paused });
    },

    async togglePause(): Promise<ShareState> {
      const state = await ports.state.get();
      return isLive(state) ? this.pause(!state.paused) : state;
    },

    async mute(muted: boolean): Promise<ShareState> {
      await live();
      await master({ to: "master", type: "master:controls", audioMuted: muted });
      return dispatch({ type: "audio_muted", muted });
    },

    async askBeforeJoin(enabled: boolean): Promise<ShareState> {
      await live();
      await master({ to: "master", type: "master:ask", enabled });
      return dispatch({ type: "ask_before_join", enabled });
    },

    async admit(clientId: string, allow: boolean): Promise<null> {
      await ports.joinPrompt.clear(clientId);
      return master({ to: "master", type: "master:admit", clientId, allow });
    },

    /** With the popup open its viewer list shows the request; otherwise a notification asks. */
    async joinRequest(clientId: string): Promise<null> {
      if (!(await ports.joinPrompt.popupOpen())) await ports.joinPrompt.show(clientId);
      return null;
    },
    async joinSettled(clientId: string): Promise<null> {
      await ports.joinPrompt.clear(clientId);
      return null;
    },

    /** Server first: once it refuses the viewer id, the master closes the connection. */
    async remove(clientId: string): Promise<null> {
      await live();
      const { secret, client } = await server();
      await client.removeViewer(secret.sessionId, secret.masterToken, clientId);
      return master({ to: "master", type: "master:remove", clientId });
    },

    async newLink(removeClientId?: string): Promise<ShareState> {
      if (removeClientId !== undefined) await this.remove(removeClientId);
      await live();
      const { secret, client } = await server();
      const { viewerUrl } = await client.newLink(secret.sessionId, secret.masterToken);
      // Viewers still watching get the new token, so a reconnect of theirs is not refused.
      const token = viewerUrl.split("#")[1] ?? "";
      await master({ to: "master", type: "master:link", token });
      await dispatch({ type: "link", viewerUrl });
      await announcer.announce("new-link", viewerUrl);
      return ports.state.get();
    },
  };
}
