import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { problemsOf, repoRoot } from "./config.fixtures.ts";
import { loadConfig } from "./config.ts";
import { TOKEN_SECRET_FILE } from "./token-secret.ts";

describe("loadConfig", () => {
  it("defaults to loopback, the embedded emulator and a persisted token secret", () => {
    const root = repoRoot();
    const config = loadConfig({}, { repoRoot: root });
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 8787,
      publicUrl: "http://127.0.0.1:8787",
      apiKey: undefined,
      dataDir: join(root, ".beam"),
      kvs: {
        mode: "emulator",
        region: "us-west-2",
        host: "127.0.0.1",
        port: 8788,
        tls: false,
        callDelayMs: 0,
      },
      sessionTtlSeconds: 14_400,
      channelPrefix: "beam-",
      logLevel: "info",
    });
    const file = join(root, ".beam", TOKEN_SECRET_FILE);
    expect(readFileSync(file, "utf8").trim()).toBe(config.tokenSecrets[0]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("keeps the generated secret across restarts, so links stay valid", () => {
    const root = repoRoot();
    const first = loadConfig({}, { repoRoot: root }).tokenSecrets[0];
    expect(first?.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}, { repoRoot: root }).tokenSecrets[0]).toBe(first);
  });

  it("prefers TOKEN_SECRET and writes nothing then", () => {
    const root = repoRoot();
    const config = loadConfig(
      { TOKEN_SECRET: "t".repeat(40), TOKEN_SECRET_PREVIOUS: "p".repeat(40) },
      { repoRoot: root },
    );
    expect(config.tokenSecrets).toEqual(["t".repeat(40), "p".repeat(40)]);
    expect(config.knownSecrets).toEqual(["t".repeat(40), "p".repeat(40)]);
    expect(() => statSync(join(root, ".beam"))).toThrow();
  });

  it("refuses a non-loopback HOST without API_KEY, with a sentence saying why", () => {
    const [problem] = problemsOf({ HOST: "0.0.0.0" });
    expect(problem).toMatch(/HOST=0\.0\.0\.0.*API_KEY is required/);
    expect(problemsOf({ HOST: "0.0.0.0", API_KEY: "k".repeat(24) })).toEqual([]);
    expect(problemsOf({ HOST: "::1" })).toEqual([]);
    expect(problemsOf({ HOST: "localhost" })).toEqual([]);
  });

  it("collects every invalid variable in one error", () => {
    const problems = problemsOf({
      PORT: "http",
      PRESIGN_EXPIRES_SECONDS: "900",
      CHANNEL_PREFIX: "no spaces",
      API_KEY: "short",
    });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "API_KEY",
      "CHANNEL_PREFIX",
      "PORT",
      "PRESIGN_EXPIRES_SECONDS",
    ]);
  });

  it("chooses AWS when a region and credentials are present, or when forced", () => {
    const creds = { AWS_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "x" };
    expect(loadConfig(creds, { repoRoot: repoRoot() }).kvs).toEqual({ mode: "aws", region: "eu-west-1" });
    const withToken = loadConfig(
      { ...creds, AWS_SESSION_TOKEN: "session-token", TOKEN_SECRET: "t".repeat(40) },
      { repoRoot: repoRoot() },
    );
    expect(withToken.knownSecrets).toEqual(["t".repeat(40), "x", "session-token"]);
    expect(
      loadConfig({ AWS_DEFAULT_REGION: "us-east-1", AWS_PROFILE: "dev" }, { repoRoot: repoRoot() }).kvs.mode,
    ).toBe("aws");
    expect(loadConfig({ AWS_REGION: "eu-west-1" }, { repoRoot: repoRoot() }).kvs.mode).toBe("emulator");
    expect(loadConfig({ ...creds, BEAM_KVS: "emulator" }, { repoRoot: repoRoot() }).kvs.mode).toBe(
      "emulator",
    );
    expect(problemsOf({ BEAM_KVS: "aws" })).toEqual([expect.stringContaining("AWS_REGION")]);
  });

  it("reads emulator settings and derives the public URL from HOST and PORT", () => {
    const config = loadConfig(
      { PORT: "9000", EMULATOR_PORT: "0", EMULATOR_TLS: "true", EMULATOR_CALL_DELAY_MS: "25" },
      { repoRoot: repoRoot() },
    );
    expect(config.publicUrl).toBe("http://127.0.0.1:9000");
    expect(config.kvs).toMatchObject({ mode: "emulator", port: 0, tls: true, callDelayMs: 25 });
    expect(loadConfig({ PUBLIC_URL: "https://beam.example.com/" }, { repoRoot: repoRoot() }).publicUrl).toBe(
      "https://beam.example.com",
    );
  });

  it("on a LAN, the emulator listens with the server and advertises the PUBLIC_URL's host", () => {
    const lan = { HOST: "0.0.0.0", API_KEY: "k".repeat(24), PUBLIC_URL: "http://192.168.1.20:8787" };
    expect(loadConfig(lan, { repoRoot: repoRoot() }).kvs).toMatchObject({
      host: "0.0.0.0",
      publicHost: "192.168.1.20",
    });
    expect(loadConfig({}, { repoRoot: repoRoot() }).kvs).toMatchObject({
      host: "127.0.0.1",
      publicHost: "127.0.0.1",
    });
    expect(
      loadConfig({ ...lan, EMULATOR_PUBLIC_HOST: "beam.lan" }, { repoRoot: repoRoot() }).kvs,
    ).toMatchObject({ publicHost: "beam.lan" });
  });

  it("reads TURN and the ICE transport policy", () => {
    const config = loadConfig(
      { TURN: "coturn", TURN_PORT: "3479", TURN_SECRET: "t".repeat(20), ICE_TRANSPORT_POLICY: "relay" },
      { repoRoot: repoRoot() },
    );
    expect(config.turn).toMatchObject({
      mode: "coturn",
      port: 3479,
      secret: "t".repeat(20),
      allowLoopbackPeers: false,
      userQuota: 64,
      totalQuota: 2000,
    });
    const tuned = loadConfig(
      {
        TURN: "coturn",
        TURN_ALLOW_LOOPBACK_PEERS: "true",
        TURN_RELAY_IP: "10.0.0.5",
        TURN_USER_QUOTA: "0",
        TURN_TOTAL_QUOTA: "500",
      },
      { repoRoot: repoRoot() },
    );
    expect(tuned.turn).toMatchObject({
      allowLoopbackPeers: true,
      relayIp: "10.0.0.5",
      userQuota: 0,
      totalQuota: 500,
    });
    expect(problemsOf({ TURN: "coturn", TURN_RELAY_IP: "turn.example.com" })).toEqual([
      expect.stringMatching(/^TURN_RELAY_IP/),
    ]);
    expect(config.iceTransportPolicy).toBe("relay");
    expect(loadConfig({}, { repoRoot: repoRoot() }).iceTransportPolicy).toBe("all");
    expect(problemsOf({ TURN_URLS: "http://x" })).toEqual([expect.stringMatching(/^TURN_URLS/)]);
    expect(problemsOf({ TURN: "coturn", TURN_SECRET: "sixteen chars\nno-auth" })).toEqual([
      expect.stringMatching(/^TURN_SECRET: must be printable ASCII/),
    ]);
  });

  it("reads the abuse limits and the janitor interval, with safe defaults", () => {
    const defaults = loadConfig({}, { repoRoot: repoRoot() });
    expect(defaults.abuse).toEqual({
      trustProxyHops: 0,
      sessionsPerMinute: 10,
      joinsPerMinute: 60,
      sharerPerMinute: 120,
      maxSessions: 50,
      viewersPerSession: 10,
      viewerSeatSeconds: 15,
    });
    expect(defaults.janitorIntervalSeconds).toBe(300);
    expect(defaults.http).toEqual({ requestTimeoutMs: 15_000, maxConnections: 1000 });
    const set = loadConfig(
      {
        TRUST_PROXY: "true",
        RATE_LIMIT_SESSIONS_PER_MINUTE: "0",
        RATE_LIMIT_JOINS_PER_MINUTE: "5",
        RATE_LIMIT_SHARER_PER_MINUTE: "7",
        HTTP_REQUEST_TIMEOUT_SECONDS: "10",
        HTTP_MAX_CONNECTIONS: "0",
        MAX_SESSIONS: "3",
        VIEWERS_PER_SESSION: "4",
        VIEWER_SEAT_SECONDS: "30",
        JANITOR_INTERVAL_SECONDS: "0",
      },
      { repoRoot: repoRoot() },
    );
    expect(set.abuse).toEqual({
      trustProxyHops: 1,
      sessionsPerMinute: 0,
      joinsPerMinute: 5,
      sharerPerMinute: 7,
      maxSessions: 3,
      viewersPerSession: 4,
      viewerSeatSeconds: 30,
    });
    expect(set.janitorIntervalSeconds).toBe(0);
    expect(set.http).toEqual({ requestTimeoutMs: 10_000, maxConnections: 0 });
    expect(loadConfig({ TRUST_PROXY: "2" }, { repoRoot: repoRoot() }).abuse.trustProxyHops).toBe(2);
    expect(
      problemsOf({ TRUST_PROXY: "yes", MAX_SESSIONS: "-1" })
        .map((p) => p.split(":")[0])
        .sort(),
    ).toEqual(["MAX_SESSIONS", "TRUST_PROXY"]);
  });
});
