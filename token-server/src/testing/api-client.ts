/** Test helper: a tiny client for the token server's HTTP API over a real socket. */
import WebSocket from "ws";
import type { CreateSessionResponse } from "../../../protocol/api.ts";
import { parseViewerLink } from "../../../protocol/link.ts";

export interface ApiResult {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests assert on whatever JSON came back
  body: any;
}

export interface ApiCall {
  method?: string;
  token?: string;
  body?: unknown;
  /** Another server's URL (a restarted instance). */
  base?: string;
}

export function apiClient(baseUrl: () => string, apiKey?: string) {
  async function api(path: string, init: ApiCall = {}): Promise<ApiResult> {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${init.base ?? baseUrl()}${path}`, {
      method: init.method ?? "POST",
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async function createSession(
    body: unknown = { source: "tab", title: "Demo" },
  ): Promise<CreateSessionResponse> {
    const { status, body: session } = await api("/api/sessions", {
      ...(apiKey ? { token: apiKey } : {}),
      body,
    });
    if (status !== 201) throw new Error(`create session answered ${status}: ${JSON.stringify(session)}`);
    return session;
  }

  return { api, createSession };
}

export function viewerTokenOf(session: CreateSessionResponse): string {
  const link = parseViewerLink(new URL(session.viewerUrl));
  if (!link) throw new Error(`not a viewer link: ${session.viewerUrl}`);
  return link.token;
}

/** Opens a signaling WebSocket; rejects with `HTTP <status>` when the upgrade is refused. */
export function openSocket(url: string, options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options);
    socket.once("open", () => resolve(socket));
    socket.once("unexpected-response", (_request, response) =>
      reject(new Error(`HTTP ${response.statusCode}`)),
    );
    socket.once("error", reject);
  });
}
