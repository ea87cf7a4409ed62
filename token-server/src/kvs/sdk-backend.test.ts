import { afterEach, describe, expect, it } from "vitest";
import { BeamError } from "../../../protocol/errors.ts";
import { type RunningEmulator, startEmulator } from "../emulator/index.ts";
import { TEST_CREDENTIALS } from "../testing/credentials.ts";
import { createKvsBackend, type KvsBackendOptions } from "./create-backend.ts";
import { createRetryPolicy } from "./retry.ts";

const running: { close(): unknown }[] = [];
afterEach(async () => {
  for (const resource of running.splice(0).reverse()) await resource.close();
});

async function emulatorWith(
  limits: Parameters<typeof startEmulator>[0]["limits"] = {},
): Promise<RunningEmulator> {
  const emulator = await startEmulator({ credentials: TEST_CREDENTIALS, port: 0, limits });
  running.push(emulator);
  return emulator;
}

function backendFor(emulator: RunningEmulator, options: Partial<KvsBackendOptions> = {}) {
  const kvs = createKvsBackend({
    mode: "emulator",
    connection: { region: emulator.region, endpoint: emulator.endpoint, credentials: TEST_CREDENTIALS },
    channelPrefix: "beam-",
    presignExpiresSeconds: 60,
    clock: { now: () => Date.now() },
    ...options,
  });
  running.push(kvs);
  return kvs.backend;
}

const channel = (sessionId: string) => ({
  sessionId,
  source: "tab" as const,
  expiresAt: Math.floor(Date.now() / 1000) + 600,
  linkId: "link-1",
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return error instanceof BeamError ? error.code : String(error);
  }
  return undefined;
}

describe("SDK backend against the emulator", () => {
  it("backs off and retries when KVS throttles channel creation", async () => {
    const emulator = await emulatorWith({ controlPlaneTps: 1 });
    const slept: number[] = [];
    const backend = backendFor(emulator, {
      retry: createRetryPolicy({ baseDelayMs: 400, maxDelayMs: 1_000, maxAttempts: 6 }),
      sleep: (ms) => {
        slept.push(ms);
        return new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
    const ids = ["throttleAAAAAAAAAAAAAA", "throttleBBBBBBBBBBBBBB"];
    const created = await Promise.all(ids.map((id) => backend.createSessionChannel(channel(id))));
    expect(created.map((c) => c.channelArn)).toEqual(
      ids.map((id) => expect.stringContaining(`/beam-${id}/`)),
    );
    expect(slept.length).toBeGreaterThan(0);
  });

  it("reports kvs_throttled once the retries are used up", async () => {
    const emulator = await emulatorWith({ controlPlaneTps: 1 });
    const backend = backendFor(emulator, {
      retry: createRetryPolicy({ maxAttempts: 2 }),
      sleep: async () => {},
    });
    const codes = await Promise.all(
      ["exhaustAAAAAAAAAAAAAAA", "exhaustBBBBBBBBBBBBBBB", "exhaustCCCCCCCCCCCCCCC"].map((id) =>
        codeOf(backend.createSessionChannel(channel(id))),
      ),
    );
    expect(codes).toContain("kvs_throttled");
  });

  it("reports wrong credentials as kvs_access_denied naming the action", async () => {
    const emulator = await emulatorWith();
    const kvs = createKvsBackend({
      mode: "emulator",
      connection: {
        region: emulator.region,
        endpoint: emulator.endpoint,
        credentials: { ...TEST_CREDENTIALS, secretAccessKey: "not-the-secret" },
      },
      channelPrefix: "beam-",
      presignExpiresSeconds: 60,
      clock: { now: () => Date.now() },
    });
    running.push(kvs);
    const error = await kvs.backend
      .createSessionChannel(channel("deniedAAAAAAAAAAAAAAAA"))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BeamError);
    expect((error as BeamError).code).toBe("kvs_access_denied");
    expect((error as BeamError).message).toContain("kinesisvideo:CreateSignalingChannel");
  });

  it("refetches ICE servers once their credentials near expiry, and nothing else", async () => {
    const emulator = await emulatorWith();
    let now = Date.now();
    const backend = backendFor(emulator, { clock: { now: () => now } });
    await backend.createSessionChannel(channel("iceExpiryAAAAAAAAAAAAA"));
    emulator.resetCalls();
    await backend.viewerCredentials("iceExpiryAAAAAAAAAAAAA", "viewer-1");
    expect(emulator.calls().total).toBe(0);
    now += 24 * 3600 * 1000;
    await backend.viewerCredentials("iceExpiryAAAAAAAAAAAAA", "viewer-2");
    expect(emulator.calls().byOperation).toEqual({ GetIceServerConfig: 1 });
  });
});
