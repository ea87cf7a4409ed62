/**
 * Property-based fuzzing of the emulator's HTTP APIs (control plane and GetIceServerConfig) over a
 * real socket. Most requests are correctly signed, so the fuzz reaches the operations' input
 * validation: no input may crash the emulator or earn a 5xx; every refusal is a KVS error (status,
 * `x-amzn-ErrorType`, `{ Message }`), and a whole signaling session works afterwards.
 */
import { createHash, createHmac } from "node:crypto";
import { Agent, type RequestOptions, request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { SourceData } from "@smithy/types";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../emulator/index.ts";
import { TEST_CREDENTIALS } from "../testing/credentials.ts";
import { signalingSessionWorks } from "./emulator-proof.ts";
import { fuzzRequest } from "./emulator-requests.ts";
import { FUZZ_RUNS } from "./runs.ts";

const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === "string"
    ? data
    : data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** node:crypto behind the interface @smithy/signature-v4 expects. */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

const signer = new SignatureV4({
  credentials: TEST_CREDENTIALS,
  region: "us-west-2",
  service: "kinesisvideo",
  sha256: NodeSha256,
});

let emulator: RunningEmulator;
let arn: string;
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

beforeAll(async () => {
  emulator = await startEmulator({
    credentials: TEST_CREDENTIALS,
    limits: { controlPlaneTps: 0, controlPlaneTpsPerChannel: 0 },
  });
  const created = await send(
    "POST",
    "/createSignalingChannel",
    JSON.stringify({ ChannelName: "fuzz-target" }),
    "signed",
  );
  arn = JSON.parse(created.body).ChannelARN;
});
afterAll(async () => {
  agent.destroy();
  await emulator?.close();
});

interface Answer {
  status: number;
  errorType: string | undefined;
  body: string;
}

async function send(
  method: string,
  path: string,
  body: string | Uint8Array,
  auth: "signed" | "unsigned" | "wrong-secret",
): Promise<Answer> {
  const { host, port } = new URL(emulator.endpoint);
  // Framed explicitly: Node sends a GET's body unframed otherwise, and the server reads it as a new request.
  const length = String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
  let headers: Record<string, string> = {
    host,
    "content-type": "application/json",
    "content-length": length,
  };
  if (auth !== "unsigned") {
    const pathOnly = path.split("?")[0] as string;
    const query = Object.fromEntries(new URLSearchParams(path.split("?")[1] ?? ""));
    const unsigned = new HttpRequest({
      method,
      protocol: "http:",
      hostname: host,
      path: pathOnly,
      query,
      headers,
      body,
    });
    const key =
      auth === "signed"
        ? signer
        : new SignatureV4({
            ...signerOptions(),
            credentials: { ...TEST_CREDENTIALS, secretAccessKey: "wrong" },
          });
    headers = (await key.sign(unsigned)).headers;
  }
  return exchange({ host: "127.0.0.1", port, method, path, headers, agent }, body);
}

/**
 * One request/response. A keep-alive socket the server closed after answering an earlier request
 * early (before reading its whole body) fails on reuse: retried once, as Node's docs advise.
 */
function exchange(options: RequestOptions, body: string | Uint8Array, retried = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const errorType = res.headers["x-amzn-errortype"];
        resolve({
          status: res.statusCode ?? 0,
          errorType: typeof errorType === "string" ? errorType : undefined,
          body: Buffer.concat(chunks).toString(),
        });
      });
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (req.reusedSocket && error.code === "ECONNRESET" && !retried) {
        resolve(exchange(options, body, true));
      } else reject(error);
    });
    req.end(body);
  });
}

function signerOptions() {
  return { credentials: TEST_CREDENTIALS, region: "us-west-2", service: "kinesisvideo", sha256: NodeSha256 };
}

describe("emulator HTTP fuzzing", () => {
  it(`answers ${FUZZ_RUNS.emulatorHttp} random API calls without a 5xx, every refusal a KVS error`, async () => {
    await fc.assert(
      fc.asyncProperty(fuzzRequest(), async (r) => {
        const body = typeof r.body === "string" ? r.body.replaceAll("ARN", arn) : r.body;
        const answer = await send(r.method, r.path, body, r.auth);
        expect(answer.status).toBeLessThan(500);
        if (r.auth !== "signed" && r.method !== "OPTIONS") expect(answer.status).toBeGreaterThanOrEqual(400);
        if (answer.status >= 400) {
          expect(`${answer.errorType}`, JSON.stringify(answer)).toMatch(/^[A-Za-z]+(Exception)?$/);
          expect(answer.body, JSON.stringify(answer)).toMatch(/^\{"Message":".*"\}$/s);
        }
      }),
      { numRuns: FUZZ_RUNS.emulatorHttp },
    );
  }, 60_000);

  it("still serves a whole signaling session afterwards", async () => {
    await sleep(10);
    expect(await signalingSessionWorks(emulator, TEST_CREDENTIALS)).toBe(true);
  });
});
