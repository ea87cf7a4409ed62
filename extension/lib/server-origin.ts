/** Token server URLs as the Options page accepts them, and the host permission each one needs. */

/** Host permissions granted at install (see wxt.config.ts); other servers are asked for at save. */
export const BUILT_IN_HOSTS = ["127.0.0.1", "localhost"];

/** A normalised http(s) origin, or null when the text is not one. */
export function parseServerUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** The match pattern to request for a server, or null when the manifest already covers it. */
export function hostPermissionFor(serverUrl: string): string | null {
  const url = new URL(serverUrl);
  if (url.protocol === "http:" && BUILT_IN_HOSTS.includes(url.hostname)) return null;
  return `${url.protocol}//${url.hostname}/*`;
}
