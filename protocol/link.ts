/** The viewer link: `<origin>/v/<sessionId>#<viewer token>`. The token stays in the fragment so it never reaches a server log. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function buildViewerUrl(origin: string, sessionId: string, viewerToken: string): string {
  return `${origin.replace(/\/+$/, "")}/v/${encodeURIComponent(sessionId)}#${viewerToken}`;
}

export interface ParsedViewerLink {
  sessionId: string;
  token: string;
}

/** Reads a viewer link (or `location`); returns null when it is not a well-formed Beam link. */
export function parseViewerLink(url: { pathname: string; hash: string }): ParsedViewerLink | null {
  const match = /^\/v\/([^/]+)\/?$/.exec(url.pathname);
  if (!match) return null;
  const sessionId = decodeURIComponent(match[1] ?? "");
  const token = url.hash.replace(/^#/, "");
  if (!SESSION_ID_PATTERN.test(sessionId) || token.length === 0) return null;
  return { sessionId, token };
}
