/**
 * Property-based fuzzing of the emulator's signaling WebSocket over real sockets: malformed JSON,
 * wrong types, huge and badly encoded payloads, unknown actions, wrong recipients, bad SDP, binary
 * frames, and random ConnectAs* URLs. The emulator must never crash or drop a well-behaved peer;
 * what reaches a peer is always a well-formed KVS frame; a refusal is a STATUS_RESPONSE (when the
 * sender gave a correlationId) or silence, as KVS does.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type RunningEmulator, startEmulator } from "../emulator/index.ts";
import { createPresigner } from "../kvs/presign.ts";
import { TEST_CREDENTIALS } from "../testing/credentials.ts";
import { anyJson, base64ish, enc, nasty } from "./arbitraries.ts";
import { createChannelOverHttp } from "./channel.ts";
import { signalingSessionWorks } from "./emulator-proof.ts";
import { FUZZ_RUNS } from "./runs.ts";

const presign = createPresigner({
  region: "us-west-2",
  credentials: async () => TEST_CREDENTIALS,
  expiresSeconds: 60,
  clock: { now: () => Date.now() },
});

interface Peer {
  ws: WebSocket;
  frames: Record<string, unknown>[];
  closed: boolean;
}

let emulator: RunningEmulator;
let arn: string;
let master: Peer;
let viewer: Peer;
let other: Peer;

async function connect(clientId?: string): Promise<Peer> {
  const query: Record<string, string> = { "X-Amz-ChannelARN": arn };
  if (clientId) query["X-Amz-ClientId"] = clientId;
  const ws = new WebSocket(await presign(emulator.wssEndpoint, query));
  const peer: Peer = { ws, frames: [], closed: false };
  ws.on("message", (data) => peer.frames.push(JSON.parse(data.toString())));
  ws.on("close", () => {
    peer.closed = true;
  });
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  return peer;
}

beforeAll(async () => {
  emulator = await startEmulator({
    credentials: TEST_CREDENTIALS,
    limits: {
      messagesPerSecond: { SDP_OFFER: 0, SDP_ANSWER: 0, ICE_CANDIDATE: 0 },
      connectsPerSecondPerChannel: 0,
    },
  });
  arn = await createChannelOverHttp(emulator, "ws-fuzz");
  [master, viewer, other] = await Promise.all([connect(), connect("fuzz-viewer"), connect("other-viewer")]);
});
afterAll(async () => {
  for (const peer of [master, viewer, other]) peer?.ws.close();
  await emulator?.close();
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");
const sdp = fc.oneof(
  fc.constant("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"),
  nasty,
  fc.string({ unit: "binary", maxLength: 2000 }),
);
const payload = fc.oneof(
  fc.record({ type: fc.constantFrom("offer", "answer", "pranswer", "rollback", "bogus"), sdp }).map(b64),
  fc.record({ candidate: nasty, sdpMid: anyJson, sdpMLineIndex: anyJson }).map(b64),
  anyJson.map(b64),
  base64ish,
  fc.integer({ min: 9_990, max: 20_000 }).map((n) => "QUFB".repeat(Math.ceil(n / 4)).slice(0, n - (n % 4))),
  anyJson,
);
const keyCase = fc.constantFrom(
  (k: string) => k,
  (k: string) => k[0]?.toUpperCase() + k.slice(1),
  (k: string) => k.toUpperCase(),
);
const message = fc
  .record(
    {
      action: fc.oneof(
        fc.constantFrom("SDP_OFFER", "SDP_ANSWER", "ICE_CANDIDATE", "GO_AWAY", "sdp_offer", "DISCONNECT"),
        nasty,
        anyJson,
      ),
      messagePayload: payload,
      recipientClientId: fc.oneof(
        fc.constantFrom("fuzz-viewer", "other-viewer", "nobody", "MASTER", "AWS_x"),
        nasty,
        anyJson,
      ),
      correlationId: fc.oneof(fc.stringMatching(/^[a-zA-Z0-9_.-]{1,30}$/), nasty, anyJson),
    },
    { requiredKeys: [] },
  )
  .chain((fields) =>
    keyCase.map((rename) =>
      JSON.stringify(Object.fromEntries(Object.entries(fields).map(([k, v]) => [rename(k), v]))),
    ),
  );
const frame = fc.oneof(
  { weight: 6, arbitrary: message.map((text) => ({ text })) },
  { weight: 1, arbitrary: anyJson.map((value) => ({ text: JSON.stringify(value) })) },
  { weight: 1, arbitrary: nasty.map((text) => ({ text })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ binary: Buffer.from(bytes) })) },
);

const RELAYED = new Set(["SDP_OFFER", "SDP_ANSWER", "ICE_CANDIDATE"]);
function expectWellFormed(received: Record<string, unknown>): void {
  if (received.messageType === "STATUS_RESPONSE") {
    expect(received.statusResponse).toMatchObject({
      correlationId: expect.stringMatching(/^[a-zA-Z0-9_.-]{1,256}$/),
      errorType: expect.stringMatching(/Exception$/),
      statusCode: "400",
    });
    return;
  }
  expect(RELAYED.has(received.messageType as string)).toBe(true);
  expect(received.messagePayload).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
  expect((received.messagePayload as string).length).toBeLessThanOrEqual(10_000);
}

let markers = 0;
/** A valid message along the fuzzed sender's path; once it arrives, everything sent before it has been handled. */
async function roundTrip(from: Peer): Promise<void> {
  const id = `marker-${++markers}`;
  const to = from === master ? viewer : master;
  const arrived = new Promise<void>((resolve) => {
    const check = (data: WebSocket.RawData) => {
      if (data.toString().includes(b64({ marker: id }))) {
        to.ws.off("message", check);
        resolve();
      }
    };
    to.ws.on("message", check);
  });
  from.ws.send(
    JSON.stringify({
      action: "ICE_CANDIDATE",
      messagePayload: b64({ marker: id }),
      ...(from === master ? { recipientClientId: "fuzz-viewer" } : {}),
    }),
  );
  await arrived;
}

describe("signaling WebSocket fuzzing", () => {
  it(`relays, refuses or ignores ${FUZZ_RUNS.signalingFrames} random frames as KVS does, never dropping a peer`, async () => {
    await fc.assert(
      fc.asyncProperty(frame, fc.boolean(), async (input, fromMaster) => {
        const sender = fromMaster ? master : viewer;
        for (const peer of [master, viewer, other]) peer.frames.length = 0;
        if ("binary" in input) sender.ws.send(input.binary);
        else sender.ws.send(input.text);
        await roundTrip(sender);
        for (const peer of [master, viewer, other]) {
          expect(peer.closed).toBe(false);
          for (const received of peer.frames) expectWellFormed(received);
        }
      }),
      { numRuns: FUZZ_RUNS.signalingFrames },
    );
  }, 60_000);

  it(`refuses ${FUZZ_RUNS.signalingUpgrades} random ConnectAs* URLs with a 4xx`, async () => {
    const { port } = new URL(emulator.wssEndpoint);
    const query = fc.oneof(
      fc
        .array(
          fc.tuple(
            fc.oneof(
              fc.constantFrom(
                "X-Amz-ChannelARN",
                "X-Amz-ClientId",
                "X-Amz-Signature",
                "X-Amz-Date",
                "X-Amz-Expires",
                "X-Amz-Credential",
                "X-Amz-Algorithm",
                "X-Amz-SignedHeaders",
              ),
              nasty,
            ),
            nasty,
          ),
          { maxLength: 9 },
        )
        .map((pairs) => pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&")),
      nasty.map((q) => q.replace(/[\s#\ud800-\udfff]/g, "")),
    );
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const status = await upgradeStatus(`ws://127.0.0.1:${port}/?${q}`);
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: FUZZ_RUNS.signalingUpgrades },
    );
  }, 60_000);

  it("still serves a whole signaling session afterwards", async () => {
    expect(await signalingSessionWorks(emulator, TEST_CREDENTIALS)).toBe(true);
  });
});

function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      return resolve(400); // a URL the client library itself refuses never reaches the server
    }
    ws.once("open", () => {
      ws.close();
      resolve(101);
    });
    ws.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.once("error", reject);
  });
}
