import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

/**
 * axe-core's violations on `page` as it is now, every rule axe runs by default (WCAG 2.x A/AA and
 * best practices), one line each: rule, impact, what it asks, and the elements that break it.
 * Legacy mode runs axe inside the page itself: extension popups cannot open the helper page the
 * default mode needs.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
}
