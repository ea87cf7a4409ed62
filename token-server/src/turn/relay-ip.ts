import type { NetworkInterfaceInfo } from "node:os";

/**
 * The address coturn relays from when it listens on every interface: the advertised TURN host when
 * it is one of this machine's addresses, else the first external IPv4 address (TURN_RELAY_IP
 * overrides), else loopback: a machine without a network serves only itself. Without `relay-ip`
 * coturn would relay from every address it has, loopback and container bridges included.
 */
export function pickRelayIp(publicHost: string, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): string {
  const addresses = Object.values(interfaces).flatMap((list) => list ?? []);
  const bare = publicHost.replace(/^\[|\]$/g, "").toLowerCase();
  if (addresses.some((a) => a.address.toLowerCase() === bare)) return bare;
  return addresses.find((a) => a.family === "IPv4" && !a.internal)?.address ?? "127.0.0.1";
}
