/**
 * Which browser origins may call the API: the server's own (the viewer page), Beam's Chrome
 * extension, and what the operator lists in ALLOWED_ORIGINS. Any other extension is a stranger:
 * another installed extension must not be able to start shares or end them through CORS.
 */

/**
 * Beam's Chrome extension: the manifest `key` in wxt.config.ts pins its id wherever an unpacked build
 * is loaded (origins.test.ts derives it from that key). A Chrome Web Store build has the store's id,
 * and Firefox gives every installation a random moz-extension:// UUID, so those are configured.
 */
export const BEAM_CHROME_EXTENSION_ORIGIN = "chrome-extension://jobbmflihfglflgiiaejccmgglfokehl";

/** What an ALLOWED_ORIGINS entry may be: an extension origin, or an http(s) origin without a path. */
export const ORIGIN_PATTERN =
  /^(chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|https?:\/\/[a-z0-9.-]+(:\d{1,5})?|https?:\/\/\[[0-9a-f:.]+\](:\d{1,5})?)$/;

/** Origins are compared as browsers serialise them: lower case, no trailing slash. */
export const normalizeOrigin = (origin: string) => origin.trim().toLowerCase().replace(/\/+$/, "");

export type OriginCheck = (origin: string) => boolean;

export function allowedOrigins(publicUrl: string, extra: readonly string[] = []): OriginCheck {
  const allowed = new Set(
    [new URL(publicUrl).origin, BEAM_CHROME_EXTENSION_ORIGIN, ...extra].map(normalizeOrigin),
  );
  return (origin) => allowed.has(origin.toLowerCase());
}
