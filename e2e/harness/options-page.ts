import type { Page } from "playwright-core";
import { screenshot } from "./artifacts";
import type { SharerBrowser } from "./sharer-browser";

/**
 * Points the extension at `serverUrl` through its options page, as a person would, checks the
 * connection from there, and leaves a screenshot. Returns with the options tab closed.
 */
export async function configureServer(sharer: SharerBrowser, serverUrl: string): Promise<void> {
  const page: Page = await sharer.openExtensionPage("options.html");
  try {
    const field = page.getByLabel("Token server URL");
    await field.fill(serverUrl);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved").first().waitFor({ timeout: 5_000 });
    await page.getByRole("button", { name: "Test connection" }).click();
    await page
      .getByText(/Connected to/)
      .first()
      .waitFor({ timeout: 10_000 });
    await screenshot(page, "options");
  } finally {
    await page.close();
  }
}
