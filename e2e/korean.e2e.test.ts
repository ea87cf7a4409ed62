import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "./harness/artifacts";
import type { BeamStack } from "./harness/beam-server";
import { type ShareStack, startShareStack } from "./harness/share-stack";
import type { SharerBrowser } from "./harness/sharer-browser";
import type { TestPageServer } from "./harness/test-page";
import type { ViewerBrowser } from "./harness/viewer-browser";

/**
 * Beam in Korean: a sharer browser whose UI language is Korean (`--lang=ko`, what makes headless
 * Chromium's chrome.i18n pick `ko`; the LANGUAGE variable alone does not) and a viewer whose
 * browser prefers Korean. Screenshots land in e2e/artifacts/ko-*.png.
 */
describe("Korean", () => {
  let server: BeamStack;
  let testPage: TestPageServer;
  let sharer: SharerBrowser;
  let viewerBrowser: ViewerBrowser;

  let stack: ShareStack | undefined;

  beforeAll(async () => {
    stack = await startShareStack({ sharerArgs: ["--lang=ko"], configure: false });
    ({ server, testPage, sharer, viewerBrowser } = stack);
  });

  afterAll(() => stack?.close());

  it("options, popup and viewer speak Korean from share to end", async () => {
    const options = await sharer.openExtensionPage("options.html");
    await options.getByLabel("토큰 서버 URL").fill(server.url);
    await options.getByRole("button", { name: "저장" }).click();
    await options.getByText("저장했어요").waitFor({ timeout: 5_000 });
    expect(await options.evaluate(() => [document.documentElement.lang, document.title])).toEqual([
      "ko",
      "Beam 설정",
    ]);
    await screenshot(options, "ko-options");
    await options.close();

    const tab = await sharer.openTab(`${testPage.url}?ko`);
    const popup = await sharer.openPopup(tab);
    await popup.getByRole("button", { name: "카메라 공유" }).waitFor();
    await popup.getByText(/서버 준비됨/).waitFor({ timeout: 10_000 });
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe("ko");
    await screenshot(popup, "ko-popup-idle");

    await popup.getByRole("button", { name: "카메라 공유" }).click();
    const link = popup.getByRole("textbox", { name: "시청 링크" });
    await link.waitFor({ timeout: 20_000 });
    const viewer = await viewerBrowser.open(await link.inputValue(), {
      locale: "ko-KR",
      viewport: { width: 960, height: 600 },
    });
    try {
      await viewer.waitForFrames();
      await viewer.waitForState("live");
      expect(await viewer.page.evaluate(() => document.documentElement.lang)).toBe("ko");
      expect(await hangulHasGlyphs(viewer.page), "a Korean font (apt-get install fonts-noto-cjk)").toBe(true);
      await viewer.page.getByRole("button", { name: "통계" }).click();
      await viewer.page.getByRole("region", { name: "연결 통계" }).getByText("해상도").waitFor();
      await screenshot(viewer.page, "ko-viewer-live");
      await popup.locator(".viewer-list li").first().waitFor({ timeout: 10_000 });
      await popup.getByText("시청자 1").waitFor();
      await screenshot(popup, "ko-popup-live");

      await popup.getByRole("button", { name: "공유 중지" }).click();
      await viewer.waitForState("ended");
      await viewer.page.getByText("공유한 사람이 공유를 끝냈어요.").waitFor();
      await screenshot(viewer.page, "ko-viewer-ended");
      await popup.getByText("공유가 끝났어요").waitFor();
      await screenshot(popup, "ko-popup-ended");
    } finally {
      await viewer.close();
    }

    // An extension page: Beam reads its URL and refuses it (Chromium 156 captures chrome:// pages).
    const refusedTab = await sharer.openExtensionPage("options.html");
    const refused = await sharer.openPopup(refusedTab);
    await refused.getByRole("button", { name: "다시 공유" }).click();
    await refused.getByRole("button", { name: "이 탭 공유" }).click();
    await refused.getByText("이 페이지는 공유할 수 없어요").waitFor({ timeout: 10_000 });
    await screenshot(refused, "ko-popup-refused");
  });
});

/**
 * Whether Hangul renders as letters: without a Korean font every syllable is the same missing-glyph
 * box, so two different syllables drawn in the page's font give identical pixels.
 */
function hangulHasGlyphs(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const draw = (text: string) => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 40;
      const ctx = canvas.getContext("2d") as CanvasRenderingContext2D;
      ctx.font = `32px ${getComputedStyle(document.body).fontFamily}`;
      ctx.fillText(text, 2, 34);
      return canvas.toDataURL();
    };
    return draw("가") !== draw("뷁");
  });
}
