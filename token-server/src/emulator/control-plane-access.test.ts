import { CreateSignalingChannelCommand, KinesisVideoClient } from "@aws-sdk/client-kinesis-video";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_CREDENTIALS } from "../testing/credentials.ts";
import { type RunningEmulator, startEmulator } from "./index.ts";
import { errorOf } from "./test-helpers.ts";

/** How the control plane admits callers: browsers (CORS, unsigned requests) and its rate limits. */
const credentials = TEST_CREDENTIALS;
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ credentials });
});
afterAll(() => emulator.close());

describe("browser access", () => {
  it("answers CORS preflights and exposes the headers the SDK reads", async () => {
    const preflight = await fetch(`${emulator.endpoint}/createSignalingChannel`, {
      method: "OPTIONS",
      headers: {
        origin: "chrome-extension://abc",
        "access-control-request-headers": "authorization,x-amz-date",
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("chrome-extension://abc");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("authorization,x-amz-date");
    const unsigned = await fetch(`${emulator.endpoint}/listSignalingChannels`, {
      method: "POST",
      body: "{}",
    });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
    expect(unsigned.headers.get("access-control-expose-headers")).toContain("x-amzn-ErrorType");
    expect(await unsigned.json()).toEqual({ Message: "Missing Authentication Token" });
  });
});

describe("control-plane rate limits", () => {
  it("throttles CreateSignalingChannel per account with ClientLimitExceededException (not retried)", async () => {
    const limited = await startEmulator({ credentials, limits: { controlPlaneTps: 2 } });
    try {
      const client = new KinesisVideoClient({ region: "us-west-2", endpoint: limited.endpoint, credentials });
      await client.send(new CreateSignalingChannelCommand({ ChannelName: "rl-1" }));
      await client.send(new CreateSignalingChannelCommand({ ChannelName: "rl-2" }));
      const third = client.send(new CreateSignalingChannelCommand({ ChannelName: "rl-3" }));
      expect(await errorOf(third)).toMatchObject({ name: "ClientLimitExceededException", status: 400 });
      expect(limited.calls().byOperation.CreateSignalingChannel).toBe(3);
    } finally {
      await limited.close();
    }
  });
});
