import type { Locator, Page } from "playwright-core";

/** What has focus, in words: tag and accessible-ish name, for failure messages. */
const describeFocus = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "(body)";
    const name = el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 40) ?? "";
    return `${el.tagName.toLowerCase()} "${name}"`;
  });

/**
 * Presses Tab until `target` has focus, as a keyboard user would, and returns the focus stops on
 * the way. Fails naming every stop when it is not reached within `maxPresses`.
 */
export async function tabTo(page: Page, target: Locator, maxPresses = 25): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press("Tab");
    stops.push(await describeFocus(page));
    if (await target.evaluate((el) => el === document.activeElement)) return stops;
  }
  throw new Error(
    `Tab never reached the element after ${maxPresses} presses; focus went: ${stops.join(" → ")}`,
  );
}

/** Whether the focused element shows it: `:focus-visible` matches and draws an outline or a ring. */
export function focusIndicator(
  target: Locator,
): Promise<{ focusVisible: boolean; drawn: boolean; style: string }> {
  return target.evaluate((el) => {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) >= 1;
    const ring = style.boxShadow !== "none";
    return {
      focusVisible: el.matches(":focus-visible"),
      drawn: outline || ring,
      style: `outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; box-shadow ${style.boxShadow}`,
    };
  });
}
