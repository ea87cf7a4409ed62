import { afterEach, describe, expect, it } from "vitest";
import { BeamError } from "../../../protocol/errors.ts";
import { type FaultRule, type RunningEmulator, startEmulator } from "../emulator/index.ts";
import { TEST_CREDENTIALS } from "../testing/credentials.ts";
import { createKvsBackend, type KvsBackendOptions } from "./create-backend.ts";

/**
 * The AWS path's error handling, against the emulator with injected faults: the same SDK calls,
 * retries and error mapping run against real KVS (there is no emulator-only branch in the backend).
 */
const running: { close(): unknown }[] = [];
afterEach(async () => {
  for (const resource of running.splice(0).reverse()) await resource.close();
});

async function emulatorWith(faults: FaultRule[] = []): Promise<RunningEmulator> {
  const emulator = await startEmulator({ credentials: TEST_CREDENTIALS, port: 0, faults });
  running.push(emulator);
  return emulator;
}

function backendFor(
  endpoint: string,
  options: Partial<KvsBackendOptions> & { slept?: number[]; region?: string } = {},
) {
  const { slept, region = "us-west-2", ...rest } = options;
  const kvs = createKvsBackend({
    mode: "aws",
    connection: { region, endpoint, signalingEndpoint: endpoint, credentials: TEST_CREDENTIALS },
    channelPrefix: "beam-",
    presignExpiresSeconds: 60,
    clock: { now: () => Date.now() },
    sleep: async (ms) => void slept?.push(ms),
    ...rest,
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

async function failure(promise: Promise<unknown>): Promise<BeamError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BeamError);
  return error as BeamError;
}

describe("AWS error handling, against injected faults", () => {
  it("retries throttled calls with growing backoff, then succeeds", async () => {
    const emulator = await emulatorWith([
      { operation: "GetIceServerConfig", error: "ClientLimitExceededException", times: 3 },
    ]);
    const slept: number[] = [];
    const backend = backendFor(emulator.endpoint, { slept });
    await backend.createSessionChannel(channel("throttledAAAAAAAAAAAAA"));
    expect(emulator.calls().byOperation.GetIceServerConfig).toBe(4);
    expect(slept).toHaveLength(3);
    // Equal jitter: attempt n waits between half and all of 100·2^(n-1) ms.
    slept.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(50 * 2 ** i);
      expect(ms).toBeLessThanOrEqual(100 * 2 ** i);
    });
  });

  it("says which permission the server's AWS identity lacks, and leaves no half-made channel", async () => {
    const emulator = await emulatorWith([
      { operation: "GetSignalingChannelEndpoint", error: "AccessDeniedException" },
    ]);
    const error = await failure(
      backendFor(emulator.endpoint).createSessionChannel(channel("deniedAAAAAAAAAAAAAAAA")),
    );
    expect(error.code).toBe("kvs_access_denied");
    expect(error.message).toMatch(
      /^The token server's AWS identity lacks permission kinesisvideo:GetSignalingChannelEndpoint \(AccessDeniedException\)/,
    );
    expect(emulator.channelNames()).toEqual([]);
  });

  it("names GetIceServerConfig when only that permission is missing", async () => {
    const emulator = await emulatorWith();
    const backend = backendFor(emulator.endpoint);
    await backend.createSessionChannel(channel("iceDeniedAAAAAAAAAAAAA"));
    backend.clearCache();
    emulator.injectFault({ operation: "GetIceServerConfig", error: "AccessDeniedException" });
    const error = await failure(backend.viewerCredentials("iceDeniedAAAAAAAAAAAAA", "viewer-1"));
    expect(error.message).toContain("lacks permission kinesisvideo:GetIceServerConfig");
  });

  it("reports a region where KVS cannot be reached, naming the region, without hanging", async () => {
    const emulator = await emulatorWith();
    const closed = emulator.endpoint;
    await emulator.close();
    running.splice(running.indexOf(emulator), 1);
    const error = await failure(
      backendFor(closed, { region: "ap-nowhere-1" }).createSessionChannel(channel("noKvsAAAAAAAAAAAAAAAAA")),
    );
    expect(error.code).toBe("kvs_unavailable");
    expect(error.message).toMatch(
      /unreachable in ap-nowhere-1 during CreateSignalingChannel \(ECONNREFUSED\).*AWS_REGION/,
    );
  });

  it("does not repeat a create whose connection was cut, but retries a cut read", async () => {
    const emulator = await emulatorWith([{ operation: "CreateSignalingChannel", drop: true, times: 1 }]);
    const backend = backendFor(emulator.endpoint);
    const error = await failure(backend.createSessionChannel(channel("cutAAAAAAAAAAAAAAAAAAA")));
    expect(error.code).toBe("kvs_unavailable");
    expect(emulator.calls().byOperation.CreateSignalingChannel).toBe(1);

    await backend.createSessionChannel(channel("cutBBBBBBBBBBBBBBBBBBB"));
    backend.clearCache();
    emulator.injectFault({ operation: "DescribeSignalingChannel", drop: true, times: 1 });
    const credentials = await backend.masterCredentials("cutBBBBBBBBBBBBBBBBBBB");
    expect(credentials.channelArn).toContain("/beam-cutBBBBBBBBBBBBBBBBBBB/");
  });

  it("retries a delete refused with ResourceInUse, and says the channel is busy if it stays so", async () => {
    const emulator = await emulatorWith();
    const backend = backendFor(emulator.endpoint);
    await backend.createSessionChannel(channel("busyAAAAAAAAAAAAAAAAAA"));
    await backend.createSessionChannel(channel("busyBBBBBBBBBBBBBBBBBB"));

    emulator.injectFault({ operation: "DeleteSignalingChannel", error: "ResourceInUseException", times: 2 });
    await backend.deleteChannel("busyAAAAAAAAAAAAAAAAAA");
    expect(emulator.channelNames()).toEqual(["beam-busyBBBBBBBBBBBBBBBBBB"]);

    emulator.injectFault({ operation: "DeleteSignalingChannel", error: "ResourceInUseException" });
    const error = await failure(backend.deleteChannel("busyBBBBBBBBBBBBBBBBBB"));
    expect(error.code).toBe("kvs_unavailable");
    expect(error.message).toContain("busy (ResourceInUseException) during DeleteSignalingChannel");
    expect(emulator.channelNames()).toEqual(["beam-busyBBBBBBBBBBBBBBBBBB"]);
    emulator.clearFaults();
    await backend.deleteChannel("busyBBBBBBBBBBBBBBBBBB");
    expect(emulator.channelNames()).toEqual([]);
  });
});
