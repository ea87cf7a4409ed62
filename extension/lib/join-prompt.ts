/**
 * Ask-before-join requests while the popup is closed: a Chrome notification with Allow / Deny,
 * one per waiting viewer, cleared when the request is settled either way.
 */
import { browser } from "wxt/browser";
import { t } from "./strings.ts";

const PREFIX = "beam-join:";

export const notificationId = (clientId: string) => `${PREFIX}${clientId}`;

/** The viewer a notification asks about, or null for anyone else's notification. */
export function clientIdOf(notificationId: string): string | null {
  return notificationId.startsWith(PREFIX) ? notificationId.slice(PREFIX.length) || null : null;
}

/** Button order on the notification: Allow is index 0, Deny index 1. */
export const ALLOW_BUTTON = 0;

export const chromeJoinPrompt = {
  async popupOpen(): Promise<boolean> {
    return (await browser.runtime.getContexts({ contextTypes: ["POPUP"] })).length > 0;
  },
  async show(clientId: string): Promise<void> {
    await browser.notifications.create(notificationId(clientId), {
      type: "basic",
      iconUrl: browser.runtime.getURL("/icon/128.png"),
      title: t("joinRequestTitle"),
      message: t("joinRequestBody"),
      buttons: [{ title: t("allow") }, { title: t("deny") }],
      requireInteraction: true,
    });
  },
  async clear(clientId: string): Promise<void> {
    await browser.notifications.clear(notificationId(clientId)).catch(() => false);
  },
};
