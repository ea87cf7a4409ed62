/**
 * How the background reaches a person who has no popup open: the popup reopened where the browser
 * lets an extension open it (`action.openPopup`, Chrome 127+), otherwise a notification whose click
 * shows the live share.
 */
import { browser } from "wxt/browser";
import type { Announcement } from "./link-announcer.ts";
import { t } from "./strings.ts";

export const LIVE_NOTIFICATION_ID = "beam-live";

/** Opens the toolbar popup on the current window; false where the browser does not allow it. */
export async function reopenPopup(): Promise<boolean> {
  // Firefox's Manifest V2 build has browserAction where Chrome's MV3 has action.
  const action = browser.action ?? browser.browserAction;
  if (typeof action?.openPopup !== "function") return false;
  try {
    await action.openPopup();
    return true;
  } catch {
    // Chrome before 127, no focused window, or Firefox without a user gesture: the caller notifies.
    return false;
  }
}

export async function tellPerson(announcement: Announcement, copied: boolean): Promise<void> {
  if (await reopenPopup()) return;
  // A switch changes nothing the person must act on; only its closed popup was worth bringing back.
  if (announcement === "switched") return;
  const [title, message] =
    announcement === "new-link"
      ? [t("newLinkNotificationTitle"), t("newLinkNotificationBody")]
      : copied
        ? [t("liveNotificationTitle"), t("liveNotificationBody")]
        : [t("liveNotificationTitleNotCopied"), t("liveNotificationBodyNotCopied")];
  await browser.notifications.create(LIVE_NOTIFICATION_ID, {
    type: "basic",
    iconUrl: browser.runtime.getURL("/icon/128.png"),
    title,
    message,
  });
}

export async function withdrawNotice(): Promise<void> {
  await browser.notifications.clear(LIVE_NOTIFICATION_ID);
}

/** The notification's click: the popup if it opens, else the same view in a small window of its own. */
export async function showLiveShare(): Promise<void> {
  await withdrawNotice();
  if (await reopenPopup()) return;
  await browser.windows.create({
    url: browser.runtime.getURL("/popup.html"),
    type: "popup",
    width: 380,
    height: 600,
  });
}
