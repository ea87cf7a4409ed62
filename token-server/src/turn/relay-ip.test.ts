import type { NetworkInterfaceInfo } from "node:os";
import { describe, expect, it } from "vitest";
import { pickRelayIp } from "./relay-ip.ts";

const nic = (address: string, family: "IPv4" | "IPv6", internal = false) =>
  ({ address, family, internal }) as NetworkInterfaceInfo;
const interfaces = {
  lo: [nic("127.0.0.1", "IPv4", true), nic("::1", "IPv6", true)],
  eth0: [nic("192.168.1.20", "IPv4"), nic("fd00::20", "IPv6")],
  docker0: [nic("172.17.0.1", "IPv4")],
};

describe("pickRelayIp", () => {
  it("relays from the advertised host when it is one of this machine's addresses", () => {
    expect(pickRelayIp("192.168.1.20", interfaces)).toBe("192.168.1.20");
    expect(pickRelayIp("[FD00::20]", interfaces)).toBe("fd00::20");
  });

  it("else from the first external IPv4 address; loopback only on a machine without one", () => {
    expect(pickRelayIp("beam.example.com", interfaces)).toBe("192.168.1.20");
    expect(pickRelayIp("beam.example.com", { lo: interfaces.lo })).toBe("127.0.0.1");
  });
});
