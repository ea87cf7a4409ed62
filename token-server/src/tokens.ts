import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { SOURCES } from "../../protocol/api.ts";
import { BeamError } from "../../protocol/errors.ts";
import { SESSION_ID_PATTERN } from "../../protocol/link.ts";
import type { Clock } from "./clock.ts";

export const TOKEN_VERSION = 1;
export type TokenRole = "master" | "viewer";

const claimsSchema = z.strictObject({
  v: z.literal(TOKEN_VERSION),
  sid: z.string().regex(SESSION_ID_PATTERN),
  role: z.enum(["master", "viewer"]),
  /** Expiry, epoch seconds: the session's own expiry. */
  exp: z.number().int().positive(),
  /** Viewer tokens carry what the viewer page shows, so a join needs no lookup. */
  src: z.enum(SOURCES).optional(),
  title: z.string().max(120).optional(),
  /** Viewer tokens: the link they belong to; a new link makes the channel admit only its own id. */
  lid: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/)
    .optional(),
});
export type TokenClaims = z.infer<typeof claimsSchema>;

export interface TokenService {
  sign(claims: Omit<TokenClaims, "v">): string;
  /** Checks signature, shape and expiry: throws `invalid_token` / `token_expired` (401). */
  verify(token: string): Readonly<TokenClaims>;
}

const SIGNATURE_BYTES = 32;
/** Authentic tokens remembered, so the same link's token is not checked again for every viewer. */
const MAX_VERIFIED = 1_024;

/**
 * Compact HMAC-SHA256 tokens: `base64url(JSON claims).base64url(mac)`. The first secret signs;
 * every secret verifies, so a rotation can keep the previous one for a while.
 */
export function createTokenService(options: { secrets: readonly string[]; clock: Clock }): TokenService {
  const [signingSecret] = options.secrets;
  if (signingSecret === undefined) throw new Error("createTokenService needs at least one secret");
  const mac = (secret: string, payload: string) =>
    createHmac("sha256", secret).update(`beam-token.v${TOKEN_VERSION}.${payload}`).digest();
  // Every viewer of a link presents the same token: its signature and shape never change, so
  // they are checked once (HMAC, base64, JSON and the schema were a tenth of a join's CPU); the
  // expiry is checked on every use. Only tokens that verified are kept, and only MAX_VERIFIED.
  const verified = new Map<string, Readonly<TokenClaims>>();
  const authentic = (token: string): Readonly<TokenClaims> => {
    const known = verified.get(token);
    if (known) return known;
    const claims = Object.freeze(check(token));
    if (verified.size >= MAX_VERIFIED) verified.clear();
    verified.set(token, claims);
    return claims;
  };
  const check = (token: string): TokenClaims => {
    const [payload, signature, extra] = token.split(".");
    if (payload === undefined || signature === undefined || extra !== undefined) throw invalid();
    const given = Buffer.from(signature, "base64url");
    // Only the canonical spelling: one token string per signature.
    if (given.length !== SIGNATURE_BYTES || given.toString("base64url") !== signature) throw invalid();
    if (!options.secrets.some((secret) => timingSafeEqual(mac(secret, payload), given))) throw invalid();
    const claims = claimsSchema.safeParse(parseJson(Buffer.from(payload, "base64url").toString("utf8")));
    if (!claims.success) throw invalid();
    return claims.data;
  };

  return {
    sign(claims) {
      const payload = Buffer.from(JSON.stringify({ v: TOKEN_VERSION, ...claims })).toString("base64url");
      return `${payload}.${mac(signingSecret, payload).toString("base64url")}`;
    },
    verify(token) {
      const claims = authentic(token);
      if (claims.exp * 1000 <= options.clock.now()) {
        throw new BeamError("token_expired", "This link or token has expired; start a new share.");
      }
      return claims;
    },
  };
}

/** Throws `forbidden` (403) unless an already-verified token is for this session and this role. */
export function authorize(claims: TokenClaims, sessionId: string, role: TokenRole): void {
  if (claims.sid !== sessionId) throw new BeamError("forbidden", "This token belongs to another session.");
  if (claims.role !== role) {
    throw new BeamError("forbidden", `A ${claims.role} token cannot be used for ${role} operations.`);
  }
}

function invalid(): BeamError {
  return new BeamError("invalid_token", "The token is malformed or its signature is wrong.");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
