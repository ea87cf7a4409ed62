import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { COTURN_BINARY, coturnArgs, startCoturn } from "./coturn.ts";

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

describe("coturn", () => {
  it("uses the TURN REST secret, no CLI, and relays from a loopback listening address", () => {
    const args = coturnArgs(
      { listenHost: "127.0.0.1", port: 3478, secret: "s3cret-s3cret-s3cret", allowLoopbackPeers: true },
      "/tmp/x",
    );
    expect(args).toEqual(
      expect.arrayContaining([
        "--use-auth-secret",
        "--static-auth-secret=s3cret-s3cret-s3cret",
        "--no-cli",
        "--listening-ip=127.0.0.1",
        "--relay-ip=127.0.0.1",
        "--allow-loopback-peers",
        "--userdb=/tmp/x/turndb",
      ]),
    );
    const wide = coturnArgs({ listenHost: "0.0.0.0", port: 3478, secret: "s3cret-s3cret-s3cret" }, "/tmp/x");
    expect(wide.some((arg) => arg.startsWith("--listening-ip") || arg === "--allow-loopback-peers")).toBe(
      false,
    );
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
