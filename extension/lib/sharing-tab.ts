/**
 * Firefox has no offscreen documents, so the master runs in an extension tab that stays open while
 * sharing. Same shape as `offscreen-document.ts`; the background knows the tab by its id.
 */
import { browser } from "wxt/browser";
import { logFailure } from "./log.ts";
import { sendToMaster } from "./messaging.ts";

const PATH = "/sharing.html";
const READY_TIMEOUT_MS = 10_000;

let tabId: number | undefined;

export async function hasSharingTab(): Promise<boolean> {
  if (tabId === undefined) return false;
  return browser.tabs.get(tabId).then(
    () => true,
    () => false,
  );
}

export async function ensureSharingTab(): Promise<void> {
  if (await hasSharingTab()) return;
  const tab = await browser.tabs.create({ url: browser.runtime.getURL(PATH), active: true });
  tabId = tab.id;
  // Messages sent before the page's listener exists are lost: wait until it answers.
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await sendToMaster({ to: "master", type: "master:status" })).ok) {
    if (Date.now() > deadline) throw new Error("The sharing tab did not start");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function closeSharingTab(): Promise<void> {
  const id = tabId;
  tabId = undefined;
  if (id !== undefined) await browser.tabs.remove(id).catch(logFailure("closing the sharing tab", "debug"));
}

export function isSharingTab(id: number): boolean {
  return id === tabId;
}
