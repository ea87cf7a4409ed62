import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateSessionResponse } from "../../protocol/api.ts";
import type { RunningEmulator } from "./emulator/index.ts";
import { openSocket } from "./testing/api-client.ts";
import { type BeamServer, startBeamServer, startTestEmulator } from "./testing/beam-server.ts";

let emulator: RunningEmulator;
let server: BeamServer;
beforeAll(async () => {
  emulator = await startTestEmulator({ tls: true });
  server = await startBeamServer(emulator);
});
afterAll(async () => {
  await server?.close();
  await emulator?.close();
});

describe("token server against the emulator in TLS mode", () => {
  it("presigns wss:// URLs that the emulator accepts", async () => {
    const response = await fetch(`${server.url}/api/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ source: "screen" }),
    });
    expect(response.status).toBe(201);
    const session = (await response.json()) as CreateSessionResponse;
    expect(session.master.signedUrl.startsWith("wss://127.0.0.1:")).toBe(true);
    const socket = await openSocket(session.master.signedUrl, { ca: emulator.certificatePem });
    expect(emulator.connections(session.channelArn).masters).toBe(1);
    socket.close();
  });
});
