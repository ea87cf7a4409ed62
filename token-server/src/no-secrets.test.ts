/**
 * No secret anywhere it should not be: builds the extension and the viewer page with the secrets in
 * the environment, runs the real server entry (`main.ts`) with them, provokes every kind of API
 * answer, and scans every build output file, every response (headers and body) and every log line.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseViewerLink } from "../../protocol/link.ts";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const run = promisify(execFile);

const SECRETS = {
  apiKey: `api-${randomBytes(16).toString("hex")}`,
  tokenSecret: randomBytes(32).toString("base64url"),
  awsAccessKeyId: `AKIA${randomBytes(8).toString("hex").toUpperCase()}`,
  awsSecretAccessKey: randomBytes(30).toString("base64"),
  awsSessionToken: randomBytes(64).toString("base64"),
};
const AWS_KEY_ID = /(?:AKIA|ASIA)[A-Z0-9]{16}/g;
const secretEnv = {
  ...process.env,
  API_KEY: SECRETS.apiKey,
  TOKEN_SECRET: SECRETS.tokenSecret,
  AWS_ACCESS_KEY_ID: SECRETS.awsAccessKeyId,
  AWS_SECRET_ACCESS_KEY: SECRETS.awsSecretAccessKey,
  AWS_SESSION_TOKEN: SECRETS.awsSessionToken,
  AWS_REGION: "us-west-2",
};

let dir: string;
let server: ChildProcess | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "beam-no-secrets-"));
});
afterAll(() => {
  server?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function leaks(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

describe("no secret in the builds", () => {
  it("the extension and the viewer page, built with every secret in the environment, contain none", async () => {
    const config = join(dir, "wxt.config.ts");
    writeFileSync(
      config,
      `import base from ${JSON.stringify(join(repoRoot, "wxt.config.ts"))};\nexport default { ...base, outDir: ${JSON.stringify(join(dir, "extension"))} };\n`,
    );
    const options = { cwd: repoRoot, env: secretEnv, maxBuffer: 16 << 20 };
    await Promise.all([
      run("npx", ["wxt", "build", "-c", config], options),
      run(
        "npx",
        [
          "vite",
          "build",
          "--config",
          "token-server/viewer/vite.config.ts",
          "--outDir",
          join(dir, "viewer"),
          "--emptyOutDir",
        ],
        options,
      ),
    ]);
    const files = [...filesUnder(join(dir, "extension")), ...filesUnder(join(dir, "viewer"))];
    expect(files.some((file) => file.endsWith("manifest.json"))).toBe(true);
    expect(files.some((file) => file.endsWith("index.html"))).toBe(true);
    const found = files.flatMap((file) => {
      const text = readFileSync(file).toString("latin1");
      return [...leaks(text), ...(text.match(AWS_KEY_ID) ?? [])].map((what) => `${file}: ${what}`);
    });
    expect(found).toEqual([]);
  }, 180_000);
});

describe("no secret in API answers or server logs", () => {
  it("the real server entry answers and logs without any, and its logs are JSON lines", async () => {
    const output: string[] = [];
    // One process (no npx or tsx launcher in between), so stopping it leaves nothing running.
    server = spawn(process.execPath, ["--import", "tsx", "token-server/src/main.ts"], {
      cwd: repoRoot,
      env: {
        ...secretEnv,
        BEAM_KVS: "emulator",
        HOST: "127.0.0.1",
        PORT: "0",
        EMULATOR_PORT: "0",
        BEAM_DATA_DIR: join(dir, "data"),
        LOG_LEVEL: "debug",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    server.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.join(""));
        if (match?.[1]) {
          clearInterval(timer);
          resolve(match[1]);
        }
      }, 50);
      server?.once("exit", (code) => reject(new Error(`server exited with ${code}: ${output.join("")}`)));
    });

    const answers: string[] = [];
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${base}${path}`, init);
      const body = await response.text();
      answers.push(`${path} ${response.status} ${JSON.stringify([...response.headers])}\n${body}`);
      return { status: response.status, body };
    };
    const json = (body: unknown, token?: string): RequestInit => ({
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

    expect((await call("/healthz")).status).toBe(200);
    expect((await call("/api/sessions", json({ source: "tab" }))).status).toBe(401);
    expect((await call("/api/sessions", json({ source: "tab" }, "wrong-key-0123456789"))).status).toBe(401);
    expect((await call("/api/sessions", json("{oops", SECRETS.apiKey))).status).toBe(400);
    expect(
      (await call("/api/sessions", json({ source: "tab", title: "x".repeat(20_000) }, SECRETS.apiKey)))
        .status,
    ).toBe(413);
    const created = await call("/api/sessions", json({ source: "tab", title: "Scan" }, SECRETS.apiKey));
    expect(created.status).toBe(201);
    const session = JSON.parse(created.body);
    const token = parseViewerLink(new URL(session.viewerUrl))?.token;
    const viewers = `/api/sessions/${session.sessionId}/viewers`;
    expect((await call(`/v/${session.sessionId}`)).status).toBe(200);
    expect((await call(`${viewers}`, json({ token: "nonsense" }))).status).toBe(401);
    expect(
      (await call(`/api/sessions/${session.sessionId}/master`, json({}, session.masterToken))).status,
    ).toBe(200);
    expect((await call(viewers, json({ token }))).status).toBe(200);
    expect(
      (
        await call(`/api/sessions/${session.sessionId}`, {
          method: "DELETE",
          headers: { authorization: `Bearer ${session.masterToken}` },
        })
      ).status,
    ).toBe(204);
    expect((await call("/nothing")).status).toBe(404);

    server.kill("SIGTERM");
    await new Promise((resolve) => server?.once("exit", resolve));
    server = undefined;
    const logs = output.join("");

    expect({ answers: leaks(answers.join("\n")), logs: leaks(logs) }).toEqual({ answers: [], logs: [] });
    // An access key id appears in answers only where SigV4 puts it: the presigned URL's credential
    // scope (here the emulator's own key; the environment's AWS key is in no answer at all).
    const keyIds = answers.join("\n").match(AWS_KEY_ID) ?? [];
    const inCredential = answers.join("\n").match(/X-Amz-Credential=(?:AKIA|ASIA)[A-Z0-9]{16}%2F/g) ?? [];
    expect(keyIds.length).toBe(inCredential.length);
    expect(keyIds).not.toContain(SECRETS.awsAccessKeyId);
    expect(logs.match(AWS_KEY_ID) ?? []).toEqual([]);

    const lines = logs.split("\n").filter((line) => line.trim() !== "");
    const banner = lines.filter((line) => !line.startsWith("{"));
    expect(banner.every((line) => /^(Beam token server|\s{2}\S)/.test(line))).toBe(true);
    const entries = lines.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
    expect(entries.filter((entry) => entry.msg === "request").length).toBeGreaterThanOrEqual(10);
    for (const entry of entries)
      expect(entry).toMatchObject({
        time: expect.any(String),
        level: expect.any(String),
        msg: expect.any(String),
      });
  }, 120_000);
});
