import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JANUS_BINARY, janusConfig, type RunningJanus } from "./janus.ts";
import { connectJanus, request, startTestJanus, TEST_JANUS_SECRETS } from "./janus-api.harness.ts";
import { mintJanusToken, VIDEOROOM_PLUGIN } from "./janus-token.ts";

const { tokenSecret: TOKEN_SECRET, adminKey: ADMIN_KEY } = TEST_JANUS_SECRETS;
const HOUR = 3_600_000;

const errorCode = (reply: Record<string, unknown>) => (reply.error as { code?: number } | undefined)?.code;

describe("janus configuration", () => {
  const dirs = { lib: "/run/beam/lib" };
  const options = { listenHost: "127.0.0.1", port: 8188, tokenSecret: TOKEN_SECRET, adminKey: ADMIN_KEY };

  it("signs every request with tokens, has no admin API, and locks rooms to the token server", () => {
    const files = janusConfig(options, dirs);
    expect(files["janus.jcfg"]).toContain("token_auth = true");
    expect(files["janus.jcfg"]).toContain(`token_auth_secret = "${TOKEN_SECRET}"`);
    expect(files["janus.jcfg"]).not.toMatch(/admin_secret|api_secret/);
    expect(files["janus.transport.websockets.jcfg"]).toContain('ws_ip = "127.0.0.1"');
    expect(files["janus.transport.websockets.jcfg"]).toContain("admin_ws = false");
    expect(files["janus.plugin.videoroom.jcfg"]).toContain(`admin_key = "${ADMIN_KEY}"`);
    expect(files["janus.plugin.videoroom.jcfg"]).toContain("lock_rtp_forward = true");
  });

  it("refuses a secret that could break out of its string, or a short one", () => {
    expect(() =>
      janusConfig({ ...options, tokenSecret: `${TOKEN_SECRET}"\nadmin_secret = "x` }, dirs),
    ).toThrow();
    expect(() => janusConfig({ ...options, adminKey: "short" }, dirs)).toThrow(/16 characters/);
  });
});

describe("janus tokens", () => {
  it("are Janus's format: expiry in seconds, the plugins, an HMAC-SHA1 signature", () => {
    const token = mintJanusToken(TOKEN_SECRET, { expiresAt: 1_700_000_000_999, plugins: [VIDEOROOM_PLUGIN] });
    expect(token).toMatch(/^1700000000,janus,janus\.plugin\.videoroom:[A-Za-z0-9+/]{27}=$/);
    expect(() => mintJanusToken(TOKEN_SECRET, { expiresAt: 0, plugins: [] })).toThrow();
    expect(() => mintJanusToken(TOKEN_SECRET, { expiresAt: 0, plugins: ["a,b"] })).toThrow();
  });
});

describe("janus, started as the token server starts it", () => {
  let janus: RunningJanus;

  beforeAll(async () => {
    janus = await startTestJanus();
  }, 20_000);

  afterAll(() => janus?.close());

  it("keeps its secrets in files only this user reads, never on its command line", () => {
    const file = join(janus.configDir, "janus.jcfg");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const commandLine = readFileSync(`/proc/${janus.pid}/cmdline`, "utf8");
    expect(commandLine).toContain(JANUS_BINARY);
    expect(commandLine).not.toContain(TOKEN_SECRET);
    expect(commandLine).not.toContain(ADMIN_KEY);
  });

  it("opens a session for a token it signed, and refuses a missing, forged or expired one", async () => {
    const valid = mintJanusToken(TOKEN_SECRET, { expiresAt: Date.now() + HOUR, plugins: [VIDEOROOM_PLUGIN] });
    expect((await request(janus.url, { janus: "create", token: valid })).janus).toBe("success");

    const forged = mintJanusToken("another-secret-0123456789", {
      expiresAt: Date.now() + HOUR,
      plugins: [VIDEOROOM_PLUGIN],
    });
    const expired = mintJanusToken(TOKEN_SECRET, {
      expiresAt: Date.now() - HOUR,
      plugins: [VIDEOROOM_PLUGIN],
    });
    for (const token of [undefined, forged, expired]) {
      const reply = await request(janus.url, { janus: "create", ...(token ? { token } : {}) });
      expect(reply.janus).toBe("error");
      expect(errorCode(reply)).toBe(403);
    }
  });

  it("lets a token attach only to the plugins it names", async () => {
    const token = mintJanusToken(TOKEN_SECRET, { expiresAt: Date.now() + HOUR, plugins: [VIDEOROOM_PLUGIN] });
    const client = await connectJanus(janus.url);
    try {
      const session = await client.request({ janus: "create", token });
      const id = (session.data as { id: number }).id;
      const attach = (plugin: string) => client.request({ janus: "attach", session_id: id, plugin, token });
      expect((await attach(VIDEOROOM_PLUGIN)).janus).toBe("success");
      // Not loaded, and not in the token either.
      expect((await attach("janus.plugin.echotest")).janus).toBe("error");
    } finally {
      client.close();
    }
  });

  it("stops, and leaves nothing behind", async () => {
    const { pid, configDir } = janus;
    await janus.close();
    expect(() => process.kill(pid, 0)).toThrow();
    expect(() => statSync(configDir)).toThrow();
  });
});
