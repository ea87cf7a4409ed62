/**
 * Test helper: one emulator and one server for a whole test file, started before its tests and
 * stopped after them (the servers of several files never share an emulator).
 */
import { afterAll, beforeAll } from "vitest";
import type { RunningEmulator } from "../emulator/index.ts";
import {
  type BeamServer,
  startBeamServer,
  startTestEmulator,
  type TestServerOptions,
} from "./beam-server.ts";

export function serverPerFile(options: TestServerOptions = {}) {
  let emulator: RunningEmulator | undefined;
  let server: BeamServer | undefined;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    server = await startBeamServer(emulator, options);
  });
  afterAll(async () => {
    await server?.close();
    await emulator?.close();
  });
  const started = <T>(thing: T | undefined): T => {
    if (!thing) throw new Error("the file's server is not started (used outside a test?)");
    return thing;
  };
  return { emulator: () => started(emulator), server: () => started(server) };
}
