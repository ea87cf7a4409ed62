/**
 * The KVS emulator's environment variables, declared once for both ways it runs: embedded in the
 * token server (`npm run server` without AWS) and on its own (`npm run emulator`).
 */
import { z } from "zod";
import { flag, int, optionalInt, splitCommas, text, unset } from "../env-fields.ts";

/**
 * EMULATOR_PORT's default per mode. Embedded: next to the token server's 8787. Standalone: 4566,
 * the port LocalStack-style AWS emulators use, so SDK tooling pointed at one finds the other.
 */
export const EMULATOR_DEFAULT_PORT = { embedded: 8788, standalone: 4566 } as const;

/** Read by both modes. EMULATOR_HOST's default: embedded, the token server's HOST (loopback: 127.0.0.1); standalone, 127.0.0.1. */
export const embeddedEmulatorEnv = {
  EMULATOR_HOST: text(),
  EMULATOR_PUBLIC_HOST: text(),
  EMULATOR_PORT: optionalInt(0, 65535),
  EMULATOR_TLS: flag,
  EMULATOR_CALL_DELAY_MS: int(0, 0, 60_000),
};

const count = z.number().int().min(0);
const Limits = z
  .strictObject({
    mastersPerChannel: z.number().int().min(1),
    viewersPerChannel: count,
    connectsPerSecondPerChannel: count,
    messagesPerSecond: z
      .strictObject({ SDP_OFFER: count, SDP_ANSWER: count, ICE_CANDIDATE: count })
      .partial(),
    maxPayloadChars: count,
    maxFrameBytes: z.number().int().min(1024).max(16_777_216),
    idleTimeoutMs: z.number().int().min(1),
    maxConnectionMs: z.number().int().min(1),
    goAwayGraceMs: count,
    defaultMessageTtlSeconds: z.number().int().min(5).max(120),
    controlPlaneTps: count,
    controlPlaneTpsPerChannel: count,
    channelsPerAccount: count,
  })
  .partial();
const limitsJson = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "must be JSON" });
      return z.NEVER;
    }
  })
  .pipe(Limits);

/**
 * Standalone only. The embedded emulator makes fresh credentials per start (they never leave the
 * process), takes TURN from the token server's TURN settings and keeps KVS's default quotas.
 */
export const emulatorEnvSchema = z
  .object({
    ...embeddedEmulatorEnv,
    EMULATOR_CERT_FILE: text(),
    EMULATOR_ACCESS_KEY_ID: z.preprocess(unset, z.string().min(1).default("AKIDBEAMEMULATOR")),
    EMULATOR_SECRET_ACCESS_KEY: z.preprocess(unset, z.string().min(1).default("emulator-secret-access-key")),
    EMULATOR_REGION: z.preprocess(
      unset,
      z
        .string()
        .regex(/^[a-z0-9-]+$/)
        .default("us-west-2"),
    ),
    EMULATOR_ACCOUNT_ID: z.preprocess(
      unset,
      z
        .string()
        .regex(/^\d{12}$/)
        .default("123456789012"),
    ),
    EMULATOR_TURN_URLS: z.preprocess(unset, z.string().transform(splitCommas).optional()),
    EMULATOR_TURN_SECRET: z.preprocess(unset, z.string().min(1).optional()),
    EMULATOR_LIMITS: z.preprocess(unset, limitsJson.optional()),
  })
  .refine((env) => (env.EMULATOR_TURN_URLS === undefined) === (env.EMULATOR_TURN_SECRET === undefined), {
    message: "EMULATOR_TURN_URLS and EMULATOR_TURN_SECRET go together",
  });
