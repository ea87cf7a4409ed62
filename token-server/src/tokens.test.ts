import { describe, expect, it } from "vitest";
import { BeamError } from "../../protocol/errors.ts";
import { authorize, createTokenService } from "./tokens.ts";

const SECRET = "s".repeat(32);
const SID = "AAAAAAAAAAAAAAAAAAAAAA";
const NOW = Date.UTC(2026, 10, 26, 12);
const clock = { now: () => NOW };
const exp = NOW / 1000 + 3600;

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof BeamError ? error.code : "not a BeamError";
  }
  return undefined;
}

describe("tokens", () => {
  const tokens = createTokenService({ secrets: [SECRET], clock });

  it("round-trips claims in a compact base64url token", () => {
    const token = tokens.sign({ sid: SID, role: "viewer", exp, src: "tab", title: "Demo" });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(tokens.verify(token)).toEqual({ v: 1, sid: SID, role: "viewer", exp, src: "tab", title: "Demo" });
  });

  it("rejects a tampered payload, a tampered signature and garbage as invalid_token", () => {
    const token = tokens.sign({ sid: SID, role: "viewer", exp });
    const [payload, signature] = token.split(".") as [string, string];
    const forged = Buffer.from(JSON.stringify({ v: 1, sid: SID, role: "master", exp })).toString("base64url");
    expect(codeOf(() => tokens.verify(`${forged}.${signature}`))).toBe("invalid_token");
    const flipped = `${signature.startsWith("A") ? "B" : "A"}${signature.slice(1)}`;
    expect(codeOf(() => tokens.verify(`${payload}.${flipped}`))).toBe("invalid_token");
    // Same MAC bytes, non-canonical spelling (the last character's unused bits set).
    const last = signature.at(-1) as string;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const respelled = `${signature.slice(0, -1)}${alphabet[alphabet.indexOf(last) ^ 1]}`;
    expect(codeOf(() => tokens.verify(`${payload}.${respelled}`))).toBe("invalid_token");
    for (const junk of ["", "abc", `${payload}.${signature}.x`, `${payload}.`, ".".repeat(3)]) {
      expect(codeOf(() => tokens.verify(junk))).toBe("invalid_token");
    }
  });

  it("rejects a token signed with another secret", () => {
    const other = createTokenService({ secrets: ["o".repeat(32)], clock });
    expect(codeOf(() => tokens.verify(other.sign({ sid: SID, role: "master", exp })))).toBe("invalid_token");
  });

  it("reports an expired token as token_expired", () => {
    const token = tokens.sign({ sid: SID, role: "master", exp: NOW / 1000 });
    expect(codeOf(() => tokens.verify(token))).toBe("token_expired");
  });

  it("checks the expiry on every use of a token it has verified before", () => {
    let now = NOW;
    const ticking = createTokenService({ secrets: [SECRET], clock: { now: () => now } });
    const token = ticking.sign({ sid: SID, role: "viewer", exp: NOW / 1000 + 60 });
    expect(ticking.verify(token).sid).toBe(SID);
    expect(ticking.verify(token).sid).toBe(SID);
    now += 60_000;
    expect(codeOf(() => ticking.verify(token))).toBe("token_expired");
  });

  it("keeps accepting tokens signed with the previous secret during a rotation", () => {
    const old = createTokenService({ secrets: [SECRET], clock });
    const rotated = createTokenService({ secrets: ["n".repeat(32), SECRET], clock });
    expect(rotated.verify(old.sign({ sid: SID, role: "viewer", exp })).sid).toBe(SID);
    expect(codeOf(() => old.verify(rotated.sign({ sid: SID, role: "viewer", exp })))).toBe("invalid_token");
  });

  it("authorize: another session's token or the wrong role is forbidden", () => {
    const claims = tokens.verify(tokens.sign({ sid: SID, role: "viewer", exp }));
    expect(codeOf(() => authorize(claims, SID, "viewer"))).toBeUndefined();
    expect(codeOf(() => authorize(claims, "BBBBBBBBBBBBBBBBBBBBBB", "viewer"))).toBe("forbidden");
    expect(codeOf(() => authorize(claims, SID, "master"))).toBe("forbidden");
  });
});
