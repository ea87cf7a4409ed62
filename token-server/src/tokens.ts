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
  verify(token: string): TokenClaims;
}

const SIGNATURE_BYTES = 32;

/**
 * Compact HMAC-SHA256 tokens: `base64url(JSON claims).base64url(mac)`. The first secret signs;
 * every secret verifies, so a rotation can keep the previous one for a while.
 */
export function createTokenService(options: { secrets: readonly string[]; clock: Clock }): TokenService {
  const [signingSecret] = options.secrets;
  if (signingSecret === undefined) throw new Error("createTokenService needs at least one secret");
  const mac = (secret: string, payload: string) =>
    createHmac("sha256", secret).update(`beam-token.v${TOKEN_VERSION}.${payload}`).digest();

  return {
    sign(claims) {
      const payload = Buffer.from(JSON.stringify({ v: TOKEN_VERSION, ...claims })).toString("base64url");
      return `${payload}.${mac(signingSecret, payload).toString("base64url")}`;
    },
    verify(token) {
      const [payload, signature, extra] = token.split(".");
      if (payload === undefined || signature === undefined || extra !== undefined) throw invalid();
      const given = Buffer.from(signature, "base64url");
      // Only the canonical spelling: one token string per signature.
      if (given.length !== SIGNATURE_BYTES || given.toString("base64url") !== signature) throw invalid();
      const authentic = options.secrets.some((secret) => timingSafeEqual(mac(secret, payload), given));
      if (!authentic) throw invalid();
      const claims = claimsSchema.safeParse(parseJson(Buffer.from(payload, "base64url").toString("utf8")));
      if (!claims.success) throw invalid();
      if (claims.data.exp * 1000 <= options.clock.now()) {
        throw new BeamError("token_expired", "This link or token has expired; start a new share.");
      }
      return claims.data;
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
