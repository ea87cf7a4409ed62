import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { COTURN_BINARY, coturnArgs, coturnConfig, startCoturn } from "./coturn.ts";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(true));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(false)));
  });

const SECRET = "s3cret-s3cret-s3cret";

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
