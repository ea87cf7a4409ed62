import type { LambdaEvent } from "hono/aws-lambda";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import type { CreateSessionResponse } from "../../protocol/api.ts";
import { parseViewerLink } from "../../protocol/link.ts";
import { ConfigError } from "./config.ts";
import type { RunningEmulator } from "./emulator/index.ts";
import { createLambdaHandler } from "./lambda.ts";
import { startTestEmulator } from "./testing/beam-server.ts";
import { TEST_CREDENTIALS } from "./testing/credentials.ts";

const PUBLIC_URL = "https://abc123.execute-api.us-west-2.amazonaws.com";
const API_KEY = "lambda-api-key-0123456789";

/** An API Gateway HTTP API (payload format 2.0) event, as Lambda receives it. */
function apiEvent(method: string, path: string, options: { body?: unknown; bearer?: string } = {}) {
  const headers: Record<string, string> = { host: new URL(PUBLIC_URL).host, "user-agent": "vitest" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  const now = Date.now();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers,
    requestContext: {
      accountId: "123456789012",
      apiId: "abc123",
      domainName: new URL(PUBLIC_URL).host,
      domainPrefix: "abc123",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "203.0.113.9", userAgent: "vitest" },
      requestId: `req-${now}`,
      routeKey: "$default",
      stage: "$default",
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    isBase64Encoded: false,
  };
}

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
  // The handler takes its AWS credentials from the SDK's default chain, as in Lambda: here, the env.
  vi.stubEnv("AWS_ACCESS_KEY_ID", TEST_CREDENTIALS.accessKeyId);
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", TEST_CREDENTIALS.secretAccessKey);
  vi.stubEnv("AWS_SESSION_TOKEN", "");
  vi.stubEnv("AWS_PROFILE", "");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await emulator?.close();
});
afterEach(() => emulator.clearFaults());

const lambdaEnv = (extra: Record<string, string> = {}) => ({
  AWS_REGION: emulator.region,
  TOKEN_SECRET: "lambda-token-secret-0123456789abcdef",
  API_KEY,
  PUBLIC_URL,
  BEAM_KVS_ENDPOINT: emulator.endpoint,
  LOG_LEVEL: "silent",
  ...extra,
});

/** A fresh function instance per call: nothing survives between them but KVS and the token secret. */
async function invoke(method: string, path: string, options: { body?: unknown; bearer?: string } = {}) {
  const handler = createLambdaHandler(lambdaEnv({ ICE_TRANSPORT_POLICY: "relay" }));
  const result = await handler(apiEvent(method, path, options) as unknown as LambdaEvent);
  return { status: result.statusCode, body: result.body ? JSON.parse(result.body) : undefined };
}

function opens(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.once("open", () => {
      socket.close();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("Lambda handler (API Gateway HTTP API v2 events)", () => {
  it("runs a whole session across separate function instances", async () => {
    const created = await invoke("POST", "/api/sessions", {
      bearer: API_KEY,
      body: { source: "tab", title: "λ" },
    });
    expect(created.status).toBe(201);
    const session = created.body as CreateSessionResponse;
    expect(session.viewerUrl.startsWith(`${PUBLIC_URL}/v/${session.sessionId}#`)).toBe(true);
    expect(session.master.iceTransportPolicy).toBe("relay");
    expect(emulator.channelNames()).toContain(`beam-${session.sessionId}`);

    const master = await invoke("POST", `/api/sessions/${session.sessionId}/master`, {
      bearer: session.masterToken,
    });
    expect(master.status).toBe(200);
    expect(await opens(master.body.signedUrl)).toBe(true);

    const link = parseViewerLink(new URL(session.viewerUrl));
    const joined = await invoke("POST", `/api/sessions/${session.sessionId}/viewers`, {
      body: { token: link?.token },
    });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ source: "tab", title: "λ", iceTransportPolicy: "relay" });
    expect(await opens(joined.body.signedUrl)).toBe(true);

    const ended = await invoke("DELETE", `/api/sessions/${session.sessionId}`, {
      bearer: session.masterToken,
    });
    expect(ended.status).toBe(204);
    expect(emulator.channelNames()).not.toContain(`beam-${session.sessionId}`);
    const late = await invoke("POST", `/api/sessions/${session.sessionId}/viewers`, {
      body: { token: link?.token },
    });
    expect(late).toMatchObject({ status: 410, body: { error: { code: "session_ended" } } });
  });

  it("refuses session creation without the API key", async () => {
    const refused = await invoke("POST", "/api/sessions", { body: { source: "tab" } });
    expect(refused).toMatchObject({ status: 401, body: { error: { code: "unauthorized" } } });
  });

  it("answers an AWS permission problem with 502 and the missing permission", async () => {
    emulator.injectFault({ operation: "CreateSignalingChannel", error: "AccessDeniedException", times: 1 });
    const denied = await invoke("POST", "/api/sessions", { bearer: API_KEY, body: { source: "camera" } });
    expect(denied.status).toBe(502);
    expect(denied.body.error.code).toBe("kvs_access_denied");
    expect(denied.body.error.message).toContain("lacks permission kinesisvideo:CreateSignalingChannel");
  });

  it("refuses emulator mode and lists every missing setting", () => {
    const problems = (env: Record<string, string>) => {
      try {
        createLambdaHandler(env);
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
      return [];
    };
    expect(problems(lambdaEnv({ BEAM_KVS: "emulator" }))).toEqual([
      expect.stringMatching(/BEAM_KVS=emulator: the Lambda handler runs against AWS only/),
    ]);
    expect(problems({ AWS_REGION: "us-west-2" })).toEqual([
      "TOKEN_SECRET is required in Lambda.",
      "API_KEY is required in Lambda.",
      "PUBLIC_URL is required in Lambda.",
    ]);
    expect(problems({ ...lambdaEnv(), AWS_REGION: "" })).toEqual([expect.stringContaining("AWS_REGION")]);
  });
});
