import { execFile } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { dirname } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { freePort } from "../testing/free-port.ts";
import { COTURN_BINARY, coturnArgs, coturnConfig, startCoturn } from "./coturn.ts";

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(true));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(false)));
  });

const SECRET = "s3cret-s3cret-s3cret";
/** coturn's own test client (Debian's coturn package): allocates, then asks to relay to a peer. */
const UCLIENT = "/usr/bin/turnutils_uclient";
const run = promisify(execFile);

describe("coturn", () => {
  it("uses the TURN REST secret, no CLI, and relays from a loopback listening address", () => {
    const config = coturnConfig(
      { listenHost: "127.0.0.1", port: 3478, secret: SECRET, allowLoopbackPeers: true },
      "/tmp/x",
    ).split("\n");
    expect(config).toEqual(
      expect.arrayContaining([
        "use-auth-secret",
        `static-auth-secret=${SECRET}`,
        "no-cli",
        "listening-ip=127.0.0.1",
        "relay-ip=127.0.0.1",
        "allow-loopback-peers",
        "userdb=/tmp/x/turndb",
      ]),
    );
    expect(coturnArgs("/tmp/x/turnserver.conf")).toEqual(["-c", "/tmp/x/turnserver.conf"]);
    expect(() => coturnConfig({ listenHost: "::", port: 1, secret: `${SECRET}\nno-auth` }, "/x")).toThrow();
  });

  it("relays UDP only, and never to private, loopback, link-local, CGNAT, ULA or multicast peers", () => {
    const config = coturnConfig({ listenHost: "127.0.0.1", port: 3478, secret: SECRET }, "/x").split("\n");
    expect(config).toEqual(
      expect.arrayContaining([
        "no-tcp-relay",
        "no-multicast-peers",
        "relay-ip=127.0.0.1",
        "user-quota=64",
        "total-quota=2000",
        ...[
          "0.0.0.0-0.255.255.255",
          "10.0.0.0-10.255.255.255",
          "100.64.0.0-100.127.255.255",
          "127.0.0.0-127.255.255.255",
          "169.254.0.0-169.254.255.255",
          "172.16.0.0-172.31.255.255",
          "192.168.0.0-192.168.255.255",
          "224.0.0.0-255.255.255.255",
          "::1",
          "fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
          "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        ].map((range) => `denied-peer-ip=${range}`),
      ]),
    );
    expect(config).not.toContain("allow-loopback-peers");
    const loopbackTest = coturnConfig(
      { listenHost: "127.0.0.1", port: 3478, secret: SECRET, allowLoopbackPeers: true, userQuota: 0 },
      "/x",
    );
    expect(loopbackTest).toContain("allow-loopback-peers");
    expect(loopbackTest).not.toMatch(/denied-peer-ip=(127\.|::1$)/m);
    expect(loopbackTest).toContain("denied-peer-ip=169.254.0.0-169.254.255.255");
    expect(loopbackTest).not.toContain("user-quota");
  });

  it("relays from one chosen address when it listens on every interface", () => {
    const wide = coturnConfig(
      { listenHost: "0.0.0.0", port: 3478, secret: SECRET, relayIp: "192.168.1.20" },
      "/x",
    );
    expect(wide).toContain("relay-ip=192.168.1.20");
    expect(wide).not.toContain("listening-ip");
    expect(() => coturnConfig({ listenHost: "::", port: 3478, secret: SECRET }, "/x")).toThrow(
      /relay address/,
    );
  });

  it("running coturn refuses to relay to the metadata endpoint, private networks and loopback", async () => {
    const port = await freePort();
    const coturn = await startCoturn({ listenHost: "127.0.0.1", port, secret: SECRET });
    try {
      expect(coturn.log()).toContain("Black listing: 169.254.0.0-169.254.255.255");
      expect(coturn.log()).toContain("CONFIG: --no-tcp-relay");
      const username = `${Math.floor(Date.now() / 1000) + 300}:viewer-test`;
      const password = createHmac("sha1", SECRET).update(username).digest("base64");
      const relayTo = (peer: string) => {
        const args = ["-u", username, "-w", password, "-p", String(port), "-e", peer, "-n", "1", "-m", "1"];
        // It exits non-zero when coturn refuses; what matters is coturn's answer in its output.
        return run(UCLIENT, [...args, "127.0.0.1"], { timeout: 10_000 }).then(
          ({ stdout, stderr }) => `${stdout}${stderr}`,
          (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ""}${error.stderr ?? ""}`,
        );
      };
      for (const peer of ["169.254.169.254", "10.1.2.3", "100.64.0.1", "192.168.1.1", "127.0.0.1"]) {
        expect(await relayTo(peer), peer).toContain("403 (Forbidden IP)");
      }
    } finally {
      await coturn.close();
    }
  });

  it("keeps the secret off the command line: a 0600 file in a private directory, removed on close", async () => {
    const port = await freePort();
    const coturn = await startCoturn({ listenHost: "127.0.0.1", port, secret: SECRET });
    try {
      const cmdline = readFileSync(`/proc/${coturn.pid}/cmdline`, "utf8").split("\0");
      expect(cmdline.join(" ")).not.toContain(SECRET);
      expect(cmdline).toContain(coturn.configFile);
      expect(statSync(coturn.configFile).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(coturn.configFile)).mode & 0o777).toBe(0o700);
      expect(readFileSync(coturn.configFile, "utf8")).toContain(`static-auth-secret=${SECRET}`);
    } finally {
      await coturn.close();
    }
    expect(existsSync(dirname(coturn.configFile))).toBe(false);
  });

  it("starts Debian's turnserver on the given port and stops it on close", async () => {
    expect(existsSync(COTURN_BINARY), `${COTURN_BINARY} is missing: apt-get install coturn`).toBe(true);
    const port = await freePort();
    const coturn = await startCoturn({ listenHost: "127.0.0.1", port, secret: "unit-test-secret-123" });
    expect(await portOpen(port)).toBe(true);
    expect(coturn.log()).toMatch(/Relay address to use: 127\.0\.0\.1/);
    await coturn.close();
    expect(await portOpen(port)).toBe(false);
  });

  it("says so when the binary cannot run", async () => {
    await expect(
      startCoturn({
        listenHost: "127.0.0.1",
        port: 1,
        secret: "x".repeat(16),
        binary: "/nonexistent/turnserver",
      }),
    ).rejects.toThrow(/cannot run \/nonexistent\/turnserver/);
  });
});
