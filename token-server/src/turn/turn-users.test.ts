import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sharedTurnUsers, turnRestUsers } from "./turn-users.ts";

const clock = { now: () => 1_700_000_000_000 };
const servers = [
  { urls: ["stun:stun.example.com:3478"] },
  { urls: ["turn:turn.example.com:3478?transport=udp"], username: "1700000300:beam-s1", credential: "x" },
];

describe("TURN users", () => {
  it("signs credentials of its own for each peer, expiring with their TTL, and leaves STUN alone", () => {
    const users = turnRestUsers({ secret: "turn-secret-0123456789", ttlSeconds: 300, clock });
    const [stun, turn] = users(servers, "viewer-abc");
    expect(stun).toEqual(servers[0]);
    expect(turn?.username).toBe("1700000300:viewer-abc");
    const expected = createHmac("sha1", "turn-secret-0123456789")
      .update("1700000300:viewer-abc")
      .digest("base64");
    expect(turn?.credential).toBe(expected);
    expect(users(servers, "viewer-def")[1]?.username).toBe("1700000300:viewer-def");
  });

  it("hands KVS's own credentials on unchanged", () => {
    expect(sharedTurnUsers(servers, "viewer-abc")).toEqual(servers);
  });
});
