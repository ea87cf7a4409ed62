import type { Page } from "puppeteer-core";
import { waitFor } from "./wait";

/**
 * Clicks, typing and waits for pages under an extension's CSP, through `page.evaluate` only:
 * puppeteer's waitForSelector / waitForFunction compile functions with `new Function`, which
 * moz-extension:// pages refuse.
 */
export async function clickButton(page: Page, name: string, timeoutMs = 10_000): Promise<void> {
  await waitFor(
    `a "${name}" button`,
    () =>
      page.evaluate((label) => {
        const button = [...document.querySelectorAll("button")].find((b) => b.textContent?.trim() === label);
        button?.click();
        return Boolean(button);
      }, name),
    { timeoutMs },
  );
}

export async function waitForText(page: Page, text: string, timeoutMs = 10_000): Promise<void> {
  await waitFor(
    `"${text}" on the page`,
    () => page.evaluate((t) => (document.body.textContent ?? "").includes(t), text),
    {
      timeoutMs,
    },
  );
}

/** Sets an input's value the way typing does, so Preact's onInput sees it. */
export async function fillInput(page: Page, selector: string, value: string): Promise<void> {
  await waitFor(`${selector} to fill`, () =>
    page.evaluate(
      (sel, text) => {
        const input = document.querySelector<HTMLInputElement>(sel);
        if (!input) return false;
        input.value = text;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        return true;
      },
      selector,
      value,
    ),
  );
}

/** Waits until the input matching `selector` exists and returns its value. */
export async function inputValue(page: Page, selector: string, timeoutMs = 10_000): Promise<string> {
  return waitFor(
    `${selector} to show a value`,
    () => page.evaluate((sel) => document.querySelector<HTMLInputElement>(sel)?.value || false, selector),
    { timeoutMs },
  );
}
