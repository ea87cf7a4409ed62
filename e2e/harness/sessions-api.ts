import type { CreateSessionResponse } from "../../protocol/api.ts";

/** Creates a session straight through the HTTP API, for tests about the viewer page alone. */
export async function createSession(serverUrl: string): Promise<CreateSessionResponse> {
  const response = await fetch(`${serverUrl}/api/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ source: "tab", title: "e2e" }),
  });
  if (response.status !== 201)
    throw new Error(`POST /api/sessions: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreateSessionResponse;
}

/** The same link with one character of the token's signature changed. */
export function tamperWithToken(viewerUrl: string): string {
  const [page, token = ""] = viewerUrl.split("#");
  const dot = token.indexOf(".");
  const at = dot + 1 + Math.floor((token.length - dot - 1) / 2);
  const swapped = token[at] === "A" ? "B" : "A";
  return `${page}#${token.slice(0, at)}${swapped}${token.slice(at + 1)}`;
}
