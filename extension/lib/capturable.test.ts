import { describe, expect, it } from "vitest";
import { isCapturableUrl } from "./capturable.ts";

describe("isCapturableUrl", () => {
  it("accepts regular web pages and files", () => {
    expect(isCapturableUrl("https://example.com/page")).toBe(true);
    expect(isCapturableUrl("http://127.0.0.1:5173/")).toBe(true);
    expect(isCapturableUrl("file:///tmp/a.html")).toBe(true);
  });

  it("refuses browser and extension pages and the Web Store", () => {
    expect(isCapturableUrl("chrome://settings")).toBe(false);
    expect(isCapturableUrl("chrome-extension://abc/popup.html")).toBe(false);
    expect(isCapturableUrl("https://chromewebstore.google.com/detail/x")).toBe(false);
    expect(isCapturableUrl("https://chrome.google.com/webstore/category/extensions")).toBe(false);
    expect(isCapturableUrl("devtools://devtools/bundled/inspector.html")).toBe(false);
  });

  it("leaves unknown URLs to Chrome", () => {
    expect(isCapturableUrl(undefined)).toBe(true);
  });
});
