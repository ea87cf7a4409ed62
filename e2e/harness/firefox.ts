import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser } from "puppeteer-core";

/** Debian's Firefox ESR; `.ci/run` installs it where it is missing. */
export const FIREFOX_PATH = "/usr/bin/firefox-esr";

/**
 * Loopback ICE candidates (the tests run in a namespace whose only interface is lo) with plain addresses, media without
 * prompts, fake camera and microphone, and no calls home.
 */
export const FIREFOX_PREFS: Record<string, unknown> = {
  "media.peerconnection.ice.loopback": true,
  // A page without camera permission offers `<uuid>.local` mDNS names instead of 127.0.0.1, which
  // Chromium on the other end cannot resolve inside the namespace.
  "media.peerconnection.ice.obfuscate_host_addresses": false,
  "media.navigator.permission.disabled": true,
  "media.navigator.streams.fake": true,
  "media.autoplay.default": 0,
  "app.update.enabled": false,
  "browser.shell.checkDefaultBrowser": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "toolkit.telemetry.enabled": false,
  "network.captive-portal-service.enabled": false,
};

export interface FirefoxBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/** Headless Firefox ESR driven over WebDriver BiDi, with a throwaway profile. */
/**
 * `systemAccess`: lets WebDriver BiDi navigate to moz-extension:// pages. Firefox ESR 153.8 refuses
 * that ("Navigation to moz-extension://… is not allowed in this context") unless the browser was
 * started with --remote-allow-system-access; only the extension tests need it.
 */
export async function launchFirefox(
  extraPrefs: Record<string, unknown> = {},
  { systemAccess = false } = {},
): Promise<FirefoxBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "beam-e2e-firefox-"));
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir: profile,
    args: systemAccess ? ["--remote-allow-system-access"] : [],
    extraPrefsFirefox: { ...FIREFOX_PREFS, ...extraPrefs },
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
