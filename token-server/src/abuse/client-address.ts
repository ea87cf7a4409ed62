import { isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { requestHeader } from "../http/request-header.ts";

/**
 * The address a request came from: the socket's peer, or — behind `trustProxyHops` proxies you run
 * — the X-Forwarded-For entry the outermost of them appended. Entries further left are written by
 * the client and never trusted. `undefined` when there is no socket (e.g. `app.request()` in tests).
 */
export function clientAddress(c: Context, trustProxyHops: number): string | undefined {
  const peer = socketAddress(c);
  if (trustProxyHops === 0) return peer;
  const forwarded = (requestHeader(c, "x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const entry = forwarded[forwarded.length - trustProxyHops];
  return entry !== undefined && isIP(entry) !== 0 ? entry : peer;
}

/**
 * The key a rate limit counts under: an IPv4 address as is (also when IPv4-mapped), an IPv6
 * address by its /64, since one subscriber usually holds a whole /64.
 */
export function addressKey(address: string | undefined): string {
  if (address === undefined) return "unknown";
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(":")}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const zeros = Array(Math.max(0, 8 - left.length - right.length)).fill("0");
  return [...left, ...zeros, ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ""));
}

function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}
