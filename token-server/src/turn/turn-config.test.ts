import { describe, expect, it } from "vitest";
import { coturnOptions, coturnUrls, emulatorTurn, resolveTurn } from "./turn-config.ts";

const base = {
  HOST: "127.0.0.1",
  TURN: "off" as const,
  TURN_PORT: 3478,
  TURN_TTL_SECONDS: 300,
  TURN_ALLOW_LOOPBACK_PEERS: false,
  TURN_USER_QUOTA: 64,
  TURN_TOTAL_QUOTA: 2000,
  ICE_TRANSPORT_POLICY: "all" as const,
};

function resolve(env: Partial<Parameters<typeof resolveTurn>[0]>, mode: "aws" | "emulator" = "emulator") {
  const problems: string[] = [];
  const setting = resolveTurn({ ...base, ...env }, mode, "192.168.1.20", problems);
  return { setting, problems };
}

describe("TURN settings", () => {
  it("is off by default, so the emulator hands out its own STUN responder", () => {
    expect(resolve({})).toEqual({ setting: { mode: "off" }, problems: [] });
    expect(emulatorTurn({ mode: "off" })).toBeUndefined();
  });

  it("TURN=coturn listens on HOST, advertises the public host and mints a secret when none is given", () => {
    const { setting, problems } = resolve({ TURN: "coturn", HOST: "0.0.0.0", TURN_PORT: 3479 });
    expect(problems).toEqual([]);
    expect(setting).toMatchObject({
      mode: "coturn",
      listenHost: "0.0.0.0",
      port: 3479,
      publicHost: "192.168.1.20",
    });
    expect(setting.mode === "coturn" && setting.secret.length).toBeGreaterThanOrEqual(24);
    expect(emulatorTurn(setting)?.urls).toEqual([
      "turn:192.168.1.20:3479?transport=udp",
      "turn:192.168.1.20:3479?transport=tcp",
    ]);
  });

  it("takes an external TURN server's URLs with its secret, and refuses URLs without one", () => {
    const urls = ["turn:turn.example.com:3478"];
    expect(resolve({ TURN_URLS: urls, TURN_SECRET: "s".repeat(20) }).setting).toEqual({
      mode: "external",
      urls,
      secret: "s".repeat(20),
      ttlSeconds: 300,
    });
    expect(resolve({ TURN_URLS: urls }).problems).toEqual([expect.stringContaining("TURN_SECRET")]);
  });

  it("refuses relay-only ICE without a TURN server, and TURN settings in AWS mode", () => {
    expect(resolve({ ICE_TRANSPORT_POLICY: "relay" }).problems).toEqual([
      expect.stringMatching(/relay needs a TURN server/),
    ]);
    expect(resolve({ ICE_TRANSPORT_POLICY: "relay", TURN: "coturn" }).problems).toEqual([]);
    expect(resolve({ TURN: "coturn" }, "aws").problems).toEqual([expect.stringContaining("KVS manages")]);
    expect(resolve({ ICE_TRANSPORT_POLICY: "relay" }, "aws").problems).toEqual([]);
  });

  it("brackets IPv6 hosts in TURN URLs", () => {
    expect(coturnUrls("fd00::2", 3478)[0]).toBe("turn:[fd00::2]:3478?transport=udp");
  });
});

describe("coturn options", () => {
  const interfaces = { eth0: [{ address: "192.168.1.20", family: "IPv4", internal: false }] } as never;

  it("relays from the advertised host when listening everywhere; loopback peers only when asked", () => {
    const { setting } = resolve({ TURN: "coturn", HOST: "0.0.0.0", TURN_USER_QUOTA: 10 });
    if (setting.mode !== "coturn") throw new Error("expected coturn");
    expect(coturnOptions(setting, interfaces)).toMatchObject({
      listenHost: "0.0.0.0",
      relayIp: "192.168.1.20",
      allowLoopbackPeers: false,
      userQuota: 10,
      totalQuota: 2000,
    });
    const local = resolve({ TURN: "coturn", TURN_ALLOW_LOOPBACK_PEERS: true, TURN_RELAY_IP: "127.0.0.1" });
    if (local.setting.mode !== "coturn") throw new Error("expected coturn");
    expect(coturnOptions(local.setting, interfaces)).toMatchObject({
      listenHost: "127.0.0.1",
      relayIp: "127.0.0.1",
      allowLoopbackPeers: true,
    });
  });
});
