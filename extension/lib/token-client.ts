/**
 * The token server's HTTP API as typed calls. Every failure becomes a `ShareFailure` whose code the
 * popup turns into a sentence: the server's own code, or `server_unreachable` / `bad_server_response`.
 */
import type {
  CreateSessionRequest,
  CreateSessionResponse,
  HealthResponse,
  MasterCredentialsResponse,
  NewLinkResponse,
} from "../../protocol/api.ts";
import { type ErrorCode, isErrorBody } from "../../protocol/errors.ts";
import { ShareFailure } from "./share-failure.ts";

export interface TokenClientOptions {
  serverUrl: string;
  apiKey?: string;
  fetch?: typeof fetch;
}

/** What the server says about an API key (see `checkApiKey`). */
export type ApiKeyCheck = "accepted" | "refused";

export interface TokenClient {
  health(): Promise<HealthResponse>;
  createSession(request: CreateSessionRequest): Promise<CreateSessionResponse>;
  refreshMaster(sessionId: string, masterToken: string): Promise<MasterCredentialsResponse>;
  /** Resolves when the session is gone, including when the server already forgot it (404 / 410). */
  deleteSession(sessionId: string, masterToken: string): Promise<void>;
  /**
   * Sends an empty session request: the server checks the key before the body, so 401 means the
   * key was refused and 400 means it got past authentication. Creates nothing.
   */
  checkApiKey(): Promise<ApiKeyCheck>;
  /** A new viewer link; the server stops admitting the old one. */
  newLink(sessionId: string, masterToken: string): Promise<NewLinkResponse>;
  /** The server refuses this viewer's credentials for the rest of the share. */
  removeViewer(sessionId: string, masterToken: string, clientId: string): Promise<void>;
}

export function createTokenClient(options: TokenClientOptions): TokenClient {
  const base = options.serverUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch.bind(globalThis);

  const call = async (method: string, path: string, bearer?: string, body?: unknown): Promise<Response> => {
    const headers: Record<string, string> = {};
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    try {
      return await doFetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      throw new ShareFailure("server_unreachable", `Cannot reach ${base}`, { cause });
    }
  };

  const json = async <T>(response: Response): Promise<T> => {
    const payload = await response.json().catch(() => undefined);
    if (!response.ok) throw failure(response, payload);
    if (payload === undefined) {
      throw new ShareFailure("bad_server_response", `${response.status} without a JSON body`);
    }
    return payload as T;
  };

  return {
    health: async () => json<HealthResponse>(await call("GET", "/healthz")),
    createSession: async (request) =>
      json<CreateSessionResponse>(await call("POST", "/api/sessions", options.apiKey, request)),
    refreshMaster: async (sessionId, masterToken) =>
      json<MasterCredentialsResponse>(
        await call("POST", `/api/sessions/${encodeURIComponent(sessionId)}/master`, masterToken),
      ),
    deleteSession: async (sessionId, masterToken) => {
      const response = await call("DELETE", `/api/sessions/${encodeURIComponent(sessionId)}`, masterToken);
      if (response.ok || response.status === 404 || response.status === 410) return;
      throw failure(response, await response.json().catch(() => undefined));
    },
    newLink: async (sessionId, masterToken) =>
      json<NewLinkResponse>(
        await call("POST", `/api/sessions/${encodeURIComponent(sessionId)}/link`, masterToken),
      ),
    removeViewer: async (sessionId, masterToken, clientId) => {
      const path = `/api/sessions/${encodeURIComponent(sessionId)}/removals`;
      const response = await call("POST", path, masterToken, { clientId });
      if (!response.ok) throw failure(response, await response.json().catch(() => undefined));
    },
    checkApiKey: async () => {
      const response = await call("POST", "/api/sessions", options.apiKey, {});
      const payload = await response.json().catch(() => undefined);
      if (response.status === 401 || response.status === 403) return "refused";
      if (response.status === 400) return "accepted";
      throw failure(response, payload);
    },
  };
}

function failure(response: Response, payload: unknown): ShareFailure {
  if (isErrorBody(payload)) {
    return new ShareFailure(payload.error.code as ErrorCode, payload.error.message);
  }
  if (response.status === 401) return new ShareFailure("unauthorized", "401 without an error body");
  return new ShareFailure("bad_server_response", `Unexpected ${response.status} from the server`);
}
