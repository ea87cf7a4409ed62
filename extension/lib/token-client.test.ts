import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ShareFailure } from "./share-failure.ts";
import { createTokenClient } from "./token-client.ts";

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let server: Server | undefined;

async function serve(handler: Handler): Promise<string> {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => handler(req, body, res));
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function send(res: ServerResponse, status: number, body?: unknown) {
  res.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

const created = {
  sessionId: "s".repeat(20),
  region: "us-west-2",
  channelArn: "arn:aws:kinesisvideo:us-west-2:1:channel/x/1",
  expiresAt: "2030-01-01T00:00:00.000Z",
  masterToken: "m-token",
  viewerUrl: "http://127.0.0.1/v/x#t",
  master: { signedUrl: "ws://127.0.0.1:1/?X-Amz-Signature=1", iceServers: [] },
};

async function failureOf(promise: Promise<unknown>): Promise<ShareFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShareFailure);
  return error as ShareFailure;
}

describe("token client", () => {
  it("creates a session with the API key and the JSON body", async () => {
    let seen: { auth?: string; body?: unknown; url?: string } = {};
    const url = await serve((req, body, res) => {
      seen = { auth: req.headers.authorization, body: JSON.parse(body), url: `${req.method} ${req.url}` };
      send(res, 201, created);
    });
    const client = createTokenClient({ serverUrl: `${url}/`, apiKey: "k1" });
    await expect(client.createSession({ source: "tab", title: "Demo" })).resolves.toEqual(created);
    expect(seen).toEqual({
      auth: "Bearer k1",
      body: { source: "tab", title: "Demo" },
      url: "POST /api/sessions",
    });
  });

  it("refreshes master credentials with the master token", async () => {
    let auth: string | undefined;
    const url = await serve((req, _body, res) => {
      auth = req.headers.authorization;
      send(res, req.url === `/api/sessions/${created.sessionId}/master` ? 200 : 404, created.master);
    });
    const client = createTokenClient({ serverUrl: url });
    await expect(client.refreshMaster(created.sessionId, "m-token")).resolves.toEqual(created.master);
    expect(auth).toBe("Bearer m-token");
  });

  it("turns the server's error body into its code", async () => {
    const url = await serve((_req, _body, res) =>
      send(res, 401, { error: { code: "unauthorized", message: "Bad API key" } }),
    );
    const failure = await failureOf(
      createTokenClient({ serverUrl: url }).createSession({ source: "camera" }),
    );
    expect(failure.code).toBe("unauthorized");
    expect(failure.message).toBe("Bad API key");
  });

  it("reports a closed port as server_unreachable", async () => {
    const url = await serve(() => {});
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const failure = await failureOf(createTokenClient({ serverUrl: url }).health());
    expect(failure.code).toBe("server_unreachable");
  });

  it("reports a non-Beam answer as bad_server_response", async () => {
    const url = await serve((_req, _body, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<h1>Bad gateway</h1>");
    });
    const failure = await failureOf(createTokenClient({ serverUrl: url }).health());
    expect(failure.code).toBe("bad_server_response");
  });

  it("treats a session the server already forgot as deleted", async () => {
    const statuses = [204, 404, 410];
    const url = await serve((req, _body, res) => {
      expect(req.method).toBe("DELETE");
      const status = statuses.shift() ?? 500;
      if (status === 204) return send(res, 204);
      send(res, status, { error: { code: status === 500 ? "internal" : "not_found", message: "x" } });
    });
    const client = createTokenClient({ serverUrl: url });
    for (let i = 0; i < 3; i++) await expect(client.deleteSession("abc", "m")).resolves.toBeUndefined();
    expect((await failureOf(client.deleteSession("abc", "m"))).code).toBe("internal");
  });

  it("checks an API key without creating anything: 400 means accepted, 401 refused", async () => {
    const url = await serve((req, _body, res) =>
      req.headers.authorization === "Bearer good"
        ? send(res, 400, { error: { code: "invalid_request", message: "source required" } })
        : send(res, 401, { error: { code: "unauthorized", message: "no" } }),
    );
    await expect(createTokenClient({ serverUrl: url, apiKey: "good" }).checkApiKey()).resolves.toBe(
      "accepted",
    );
    await expect(createTokenClient({ serverUrl: url, apiKey: "bad" }).checkApiKey()).resolves.toBe("refused");
  });
});
