import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "./harness/wait";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * The other tests wire the token server in-process; this one starts the real Node entry point the
 * way `npm run server` does and checks it serves the built viewer page, not the placeholder.
 */
describe("token server entry point", () => {
  let child: ChildProcess;
  let output = "";
  let url: string;
  const dataDir = mkdtempSync(join(tmpdir(), "beam-e2e-entry-"));

  beforeAll(async () => {
    child = spawn(process.execPath, ["--import", "tsx", "token-server/src/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, PORT: "0", EMULATOR_PORT: "0", BEAM_DATA_DIR: dataDir, BEAM_KVS: "emulator" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    url = await waitFor(
      "the server to print where it listens",
      () => output.match(/listening on (http:\/\/[^\s]+)/)?.[1],
    ).catch((error) => {
      throw new Error(`${error.message}\n${output}`);
    });
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("says it uses the embedded emulator and answers /healthz", async () => {
    expect(output).toMatch(/emulator/i);
    const health = await (await fetch(`${url}/healthz`)).json();
    expect(health).toMatchObject({ ok: true, kvs: "emulator" });
  });

  it("serves the built viewer page at /v/:id, in one request, with its inline code allowed by hash", async () => {
    const response = await fetch(`${url}/v/abcdefghijklmnop`);
    const html = await response.text();
    // The built page carries its bundle inline (the placeholder has none) and starts the join early.
    expect(html, "the built page, not the placeholder").toContain("beamEarlyJoin");
    expect(html).not.toMatch(/<script[^>]+src=/);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src[^;]*'sha256-[A-Za-z0-9+/=]+'/);
  });
});
