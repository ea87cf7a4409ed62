/**
 * Peer addresses coturn must never relay to (its `denied-peer-ip`). A TURN server relays for anyone
 * holding credentials, and every viewer holds some: without these ranges a viewer could use it to
 * reach the host's own services, the private network behind it, or a cloud metadata endpoint.
 */
export const DENIED_PEER_RANGES: readonly string[] = [
  "0.0.0.0-0.255.255.255", // "this network"
  "10.0.0.0-10.255.255.255", // private
  "100.64.0.0-100.127.255.255", // carrier-grade NAT
  "169.254.0.0-169.254.255.255", // link-local, including metadata at 169.254.169.254
  "172.16.0.0-172.31.255.255", // private
  "192.0.0.0-192.0.0.255", // IETF protocol assignments
  "192.168.0.0-192.168.255.255", // private
  "198.18.0.0-198.19.255.255", // benchmarking
  "224.0.0.0-255.255.255.255", // multicast, reserved, broadcast
  // Not "::" on its own: coturn 4.6 reads a lone "::" as a range that also holds every IPv4 peer
  // (measured: "A peer IP 127.0.0.1 denied in the range: ::"), which refuses all relaying.
  "::ffff:0.0.0.0-::ffff:255.255.255.255", // IPv4-mapped: the IPv4 ranges above, spelt in IPv6
  "64:ff9b::-64:ff9b::ffff:ffff", // NAT64: the same
  "fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // unique local
  "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // link-local
  "ff00::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // multicast
];

/** Loopback, denied unless a test relays between peers on one machine (TURN_ALLOW_LOOPBACK_PEERS). */
export const LOOPBACK_PEER_RANGES: readonly string[] = ["127.0.0.0-127.255.255.255", "::1"];
