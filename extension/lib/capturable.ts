/** Pages Chrome refuses to let an extension capture; refusing them up front gives a clear error. */
const BLOCKED_SCHEMES = ["chrome:", "chrome-extension:", "chrome-untrusted:", "devtools:", "edge:", "about:"];
const WEB_STORE_HOSTS = ["chromewebstore.google.com", "chrome.google.com"];

/** `url` is undefined when the extension may not read it; Chrome's own check then decides. */
export function isCapturableUrl(url: string | undefined): boolean {
  if (url === undefined || url === "") return true;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (BLOCKED_SCHEMES.includes(parsed.protocol)) return url === "about:blank";
  if (parsed.hostname === "chrome.google.com") return !parsed.pathname.startsWith("/webstore");
  return !WEB_STORE_HOSTS.includes(parsed.hostname);
}
