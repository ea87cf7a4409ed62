/**
 * Firefox has no offscreen documents, so the master runs in an extension tab that stays open while
 * sharing. Same shape as `offscreen-document.ts`; the background knows the tab by its id.
 */
import { browser } from "wxt/browser";
import { logFailure } from "./log.ts";

const PATH = "/sharing.html";
const READY_TIMEOUT_MS = 10_000;

let tabId: number | undefined;
/** Resolves the wait of `ensureSharingTab` when the page says it listens. */
let markReady: (() => void) | undefined;

export async function hasSharingTab(): Promise<boolean> {
  if (tabId === undefined) return false;
  return browser.tabs.get(tabId).then(
    () => true,
    () => false,
  );
}

export async function ensureSharingTab(): Promise<void> {
  if (await hasSharingTab()) return;
  // Messages sent before the page's listener exists are lost: wait until it says it listens.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    timer = setTimeout(() => reject(new Error("The sharing tab did not start")), READY_TIMEOUT_MS);
  });
  try {
    const tab = await browser.tabs.create({ url: browser.runtime.getURL(PATH), active: true });
    tabId = tab.id;
    await ready;
  } finally {
    clearTimeout(timer);
    markReady = undefined;
  }
}

export function sharingTabReady(): void {
  markReady?.();
}

export async function closeSharingTab(): Promise<void> {
  const id = tabId;
  tabId = undefined;
  if (id !== undefined) await browser.tabs.remove(id).catch(logFailure("closing the sharing tab", "debug"));
}

export function isSharingTab(id: number): boolean {
  return id === tabId;
}
