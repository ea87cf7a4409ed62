/**
 * What the background's share controller needs from the outside world: storage, settings, the token
 * server, tabs, the master's document, notices and the clock. `browser-ports.ts` implements them with
 * the extension APIs; `share-controller.fakes.ts` in memory.
 */
import type { MasterMessage, Reply, ReplyOf } from "../../protocol/extension-messages.ts";
import type { ShareState } from "../../protocol/share.ts";
import type { AnnouncerPorts } from "./link-announcer.ts";
import type { Settings } from "./settings.ts";
import { ShareFailure } from "./share-failure.ts";
import type { MasterSecret } from "./share-store.ts";
import type { TokenClient } from "./token-client.ts";

export interface ControllerPorts {
  state: { get(): Promise<ShareState>; set(state: ShareState): Promise<void> };
  secret: { get(): Promise<MasterSecret | null>; set(secret: MasterSecret | null): Promise<void> };
  settings(): Promise<Settings>;
  tokenClient(serverUrl: string, apiKey?: string): TokenClient;
  tabs: {
    /** URL and title when the extension may read them (activeTab), else undefined. */
    describe(tabId: number): Promise<{ url?: string; title?: string }>;
    streamIdFor(tabId: number): Promise<string>;
    openPermissionPage(): Promise<number>;
  };
  /** The master's document: Chrome's offscreen document, or Firefox's sharing tab. */
  master: {
    ensure(): Promise<void>;
    close(): Promise<void>;
    send<M extends MasterMessage>(message: M): Promise<Reply<ReplyOf<M>>>;
  };
  /** Puts text on the clipboard through the master's page (the background has no DOM); false if refused. */
  copyToClipboard(text: string): Promise<boolean>;
  /** Reaches a person with no popup open (see link-announcer.ts). */
  notice: { tell: AnnouncerPorts["tell"]; withdraw(): Promise<void> };
  /** Ask-before-join requests when the popup is closed: a notification with Allow / Deny. */
  joinPrompt: {
    popupOpen(): Promise<boolean>;
    show(clientId: string): Promise<void>;
    clear(clientId: string): Promise<void>;
  };
  onState(state: ShareState): void;
  now(): number;
}

/** The running session's server and master token, for the calls only the master may make. */
export async function sessionServer(ports: ControllerPorts) {
  const secret = await ports.secret.get();
  if (!secret) throw new ShareFailure("session_ended", "No session");
  const { apiKey } = await ports.settings();
  return { secret, client: ports.tokenClient(secret.serverUrl, apiKey || undefined) };
}
