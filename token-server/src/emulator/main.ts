import { writeFileSync } from "node:fs";
import { z } from "zod";
import { startEmulator } from "./index.ts";

/** `npm run emulator`: the KVS emulator on its own, configured from EMULATOR_* variables. */

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const list = z.string().transform((v) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);
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

const Env = z
  .object({
    EMULATOR_HOST: z.string().default("127.0.0.1"),
    EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4566),
    EMULATOR_PUBLIC_HOST: z.string().optional(),
    EMULATOR_TLS: flag.default(false),
    EMULATOR_CERT_FILE: z.string().optional(),
    EMULATOR_ACCESS_KEY_ID: z.string().min(1).default("AKIDBEAMEMULATOR"),
    EMULATOR_SECRET_ACCESS_KEY: z.string().min(1).default("emulator-secret-access-key"),
    EMULATOR_REGION: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .default("us-west-2"),
    EMULATOR_ACCOUNT_ID: z
      .string()
      .regex(/^\d{12}$/)
      .default("123456789012"),
    EMULATOR_CALL_DELAY_MS: z.coerce.number().int().min(0).default(0),
    EMULATOR_TURN_URLS: list.optional(),
    EMULATOR_TURN_SECRET: z.string().min(1).optional(),
    EMULATOR_LIMITS: limitsJson.optional(),
  })
  .refine((env) => (env.EMULATOR_TURN_URLS === undefined) === (env.EMULATOR_TURN_SECRET === undefined), {
    message: "EMULATOR_TURN_URLS and EMULATOR_TURN_SECRET go together",
  });

const parsed = Env.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues)
    console.error(`${issue.path.join(".") || "env"}: ${issue.message}`);
  process.exit(1);
}
const env = parsed.data;
const emulator = await startEmulator({
  credentials: { accessKeyId: env.EMULATOR_ACCESS_KEY_ID, secretAccessKey: env.EMULATOR_SECRET_ACCESS_KEY },
  host: env.EMULATOR_HOST,
  port: env.EMULATOR_PORT,
  ...(env.EMULATOR_PUBLIC_HOST ? { publicHost: env.EMULATOR_PUBLIC_HOST } : {}),
  tls: env.EMULATOR_TLS,
  region: env.EMULATOR_REGION,
  accountId: env.EMULATOR_ACCOUNT_ID,
  callDelayMs: env.EMULATOR_CALL_DELAY_MS,
  ...(env.EMULATOR_TURN_URLS && env.EMULATOR_TURN_SECRET
    ? { turn: { urls: env.EMULATOR_TURN_URLS, secret: env.EMULATOR_TURN_SECRET } }
    : {}),
  ...(env.EMULATOR_LIMITS ? { limits: env.EMULATOR_LIMITS } : {}),
});

console.log(`KVS emulator listening on ${emulator.endpoint} (signaling ${emulator.wssEndpoint})`);
console.log(
  `region ${emulator.region}, account ${emulator.accountId}, access key ${env.EMULATOR_ACCESS_KEY_ID}`,
);
if (emulator.certificatePem && env.EMULATOR_CERT_FILE) {
  writeFileSync(env.EMULATOR_CERT_FILE, emulator.certificatePem);
  console.log(`self-signed certificate written to ${env.EMULATOR_CERT_FILE}`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    emulator.close().then(() => process.exit(0));
  });
}
