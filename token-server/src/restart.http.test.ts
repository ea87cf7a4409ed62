/** A restart of the token server with its embedded emulator no longer ends every share. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stateFileIn } from "./emulator/index.ts";
import { apiClient, viewerTokenOf } from "./testing/api-client.ts";
import { startBeamServer, startTestEmulator } from "./testing/beam-server.ts";

const dataDir = mkdtempSync(join(tmpdir(), "beam-restart-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** One run of "the token server process": emulator and app, both stopped at the end. */
async function run<T>(work: (client: ReturnType<typeof apiClient>) => Promise<T>): Promise<T> {
  const emulator = await startTestEmulator({ stateFile: stateFileIn(dataDir) });
  const server = await startBeamServer(emulator);
  try {
    return await work(apiClient(() => server.url));
  } finally {
    await server.close();
    await emulator.close();
  }
}

describe("restarting the embedded emulator", () => {
  it("keeps a share: the sharer reconnects, viewers join, and Stop still ends it", async () => {
    const session = await run(({ createSession }) => createSession());
    await run(async ({ api }) => {
      const master = await api(`/api/sessions/${session.sessionId}/master`, { token: session.masterToken });
      expect(master.status).toBe(200);
      const viewer = await api(`/api/sessions/${session.sessionId}/viewers`, {
        body: { token: viewerTokenOf(session) },
      });
      expect(viewer.status).toBe(200);
      const ended = await api(`/api/sessions/${session.sessionId}`, {
        method: "DELETE",
        token: session.masterToken,
      });
      expect(ended.status).toBe(204);
    });
    await run(async ({ api }) => {
      const gone = await api(`/api/sessions/${session.sessionId}/master`, { token: session.masterToken });
      expect(gone.body.error.code).toBe("session_ended");
    });
  });
});
