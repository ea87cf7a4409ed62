import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { addressKey, clientAddress } from "./client-address.ts";

/** A request as @hono/node-server hands it over: the socket's peer address in `env.incoming`. */
async function addressOf(trustProxyHops: number, peer: string, forwardedFor?: string) {
  const app = new Hono();
  app.get("/", (c) => c.text(clientAddress(c, trustProxyHops) ?? "none"));
  const env = { incoming: { socket: { remoteAddress: peer, remotePort: 1, remoteFamily: "IPv4" } } };
  const headers = forwardedFor === undefined ? undefined : { "x-forwarded-for": forwardedFor };
  return (await app.request("/", { headers }, env)).text();
}

describe("clientAddress", () => {
  it("uses the socket's peer and ignores X-Forwarded-For unless proxies are trusted", async () => {
    expect(await addressOf(0, "203.0.113.9", "198.51.100.1")).toBe("203.0.113.9");
  });

  it("behind N trusted proxies takes the entry the outermost one appended, never a client-written one", async () => {
    expect(await addressOf(1, "10.0.0.2", "6.6.6.6, 198.51.100.1")).toBe("198.51.100.1");
    expect(await addressOf(2, "10.0.0.2", "6.6.6.6, 198.51.100.1, 10.0.0.1")).toBe("198.51.100.1");
    expect(await addressOf(1, "10.0.0.2")).toBe("10.0.0.2");
    expect(await addressOf(1, "10.0.0.2", "not-an-ip")).toBe("10.0.0.2");
    expect(await addressOf(3, "10.0.0.2", "198.51.100.1")).toBe("10.0.0.2");
  });

  it("is undefined without a socket (app.request in tests)", async () => {
    const app = new Hono();
    app.get("/", (c) => c.text(String(clientAddress(c, 0))));
    expect(await (await app.request("/")).text()).toBe("undefined");
  });
});

describe("addressKey", () => {
  it("keys IPv4 (also IPv4-mapped) by address and IPv6 by its /64", () => {
    expect(addressKey("198.51.100.7")).toBe("198.51.100.7");
    expect(addressKey("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:DB8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey(undefined)).toBe("unknown");
  });
});
