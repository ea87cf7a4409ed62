/** Test fakes for the share controller. */
import type { CreateSessionResponse } from "../../protocol/api.ts";
import type { MasterMessage, MasterMessages, Reply, ReplyOf } from "../../protocol/extension-messages.ts";
import { IDLE, type ShareState } from "../../protocol/share.ts";
import type { ControllerPorts } from "./controller-ports.ts";
import { DEFAULT_SETTINGS } from "./settings.ts";
import type { ShareFailure } from "./share-failure.ts";
import type { MasterSecret } from "./share-store.ts";
import type { TokenClient } from "./token-client.ts";

export const created: CreateSessionResponse = {
  sessionId: "session-0123456789",
  region: "us-west-2",
  channelArn: "arn:aws:kinesisvideo:us-west-2:1:channel/beam/1",
  expiresAt: "2030-01-01T00:00:00.000Z",
  masterToken: "master-token",
  viewerUrl: "http://127.0.0.1:8787/v/session-0123456789#viewer",
  master: { signedUrl: "ws://127.0.0.1:1/?X-Amz-Signature=a", iceServers: [] },
};

/** In-memory ports that record what the controller did (shared by the controller's test files). */
export function fakes(
  options: { tabUrl?: string; camera?: "granted" | "prompt" | "denied"; createFails?: ShareFailure } = {},
) {
  let state: ShareState = IDLE;
  let secret: MasterSecret | null = null;
  const log: string[] = [];
  const masterReplies: { [K in keyof MasterMessages]?: Reply<MasterMessages[K]["reply"]> } = {
    "master:start": { ok: true, value: null },
    "master:stop": { ok: true, value: null },
    "camera:permission": { ok: true, value: options.camera ?? "granted" },
    "master:switch": { ok: true, value: null },
    "master:controls": { ok: true, value: null },
    "master:ask": { ok: true, value: null },
    "master:admit": { ok: true, value: null },
    "master:remove": { ok: true, value: null },
    "master:link": { ok: true, value: null },
  };
  let popupOpen = false;
  const client: TokenClient = {
    health: async () => ({ ok: true, kvs: "emulator", region: "us-west-2" }),
    createSession: async (request) => {
      log.push(`create ${request.source} ${request.title ?? ""}`.trim());
      if (options.createFails) throw options.createFails;
      return created;
    },
    refreshMaster: async (id, token) => {
      log.push(`refresh ${id} ${token}`);
      return created.master;
    },
    deleteSession: async (id, token) => void log.push(`delete ${id} ${token}`),
    checkApiKey: async () => "accepted",
    newLink: async (id) => {
      log.push(`new link ${id}`);
      return { viewerUrl: `http://127.0.0.1:8787/v/${id}#new-token` };
    },
    removeViewer: async (id, _token, clientId) => void log.push(`remove ${id} ${clientId}`),
  };
  const ports: ControllerPorts = {
    state: {
      get: async () => state,
      set: async (next) => {
        state = next;
      },
    },
    secret: {
      get: async () => secret,
      set: async (next) => {
        secret = next;
      },
    },
    settings: async () => DEFAULT_SETTINGS,
    tokenClient: () => client,
    tabs: {
      describe: async () => ({ url: options.tabUrl ?? "https://example.com/", title: "Example" }),
      streamIdFor: async (tabId) => {
        log.push(`streamId ${tabId}`);
        return "stream-1";
      },
      openPermissionPage: async () => {
        log.push("permission page");
        return 99;
      },
    },
    master: {
      ensure: async () => void log.push("master ensure"),
      close: async () => void log.push("master close"),
      send: async <M extends MasterMessage>(message: M) => {
        const detail =
          message.type === "master:switch"
            ? ` ${message.capture.source}`
            : message.type === "master:link"
              ? ` ${message.token}`
              : message.type === "master:controls"
                ? ` ${JSON.stringify({ paused: message.paused, audioMuted: message.audioMuted })}`
                : "";
        log.push(`send ${message.type}${detail}`);
        return masterReplies[message.type] as Reply<ReplyOf<M>>;
      },
    },
    copyToClipboard: async (text) => {
      log.push(`clipboard ${text}`);
      return true;
    },
    notice: {
      tell: async (announcement, copied) => void log.push(`tell ${announcement}${copied ? " copied" : ""}`),
      withdraw: async () => {},
    },
    joinPrompt: {
      popupOpen: async () => popupOpen,
      show: async (clientId) => void log.push(`notify ${clientId}`),
      clear: async (clientId) => void log.push(`clear ${clientId}`),
    },
    onState: () => {},
    now: () => 5000,
  };
  const setPopupOpen = (open: boolean) => {
    popupOpen = open;
  };
  return { ports, log, masterReplies, setPopupOpen, state: () => state, secret: () => secret };
}
