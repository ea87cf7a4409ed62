/**
 * The token server's environment variables: names, types, defaults and bounds. `.env.example` at the
 * repository root documents each one (env-example.test.ts keeps the two in step).
 */
import { z } from "zod";
import { embeddedEmulatorEnv } from "./emulator/env-schema.ts";
import { commaList, flag, int, splitCommas, text, unset } from "./env-fields.ts";
import { normalizeOrigin, ORIGIN_PATTERN } from "./http/origins.ts";
import { TURN_QUOTA_DEFAULTS } from "./turn/coturn.ts";

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const hops = z
  .preprocess(unset, z.enum(["true", "false", "0", "1", "2", "3", "4", "5"]).default("0"))
  .transform((v) => (v === "true" ? 1 : v === "false" ? 0 : Number(v)));

export const envSchema = z.object({
  HOST: z.preprocess(unset, z.string().trim().min(1).default("127.0.0.1")),
  PORT: int(8787, 0, 65535),
  PUBLIC_URL: z.preprocess(unset, z.url({ protocol: /^https?$/ }).optional()),
  API_KEY: z.preprocess(unset, z.string().min(16, "must be at least 16 characters").optional()),
  TOKEN_SECRET: z.preprocess(unset, z.string().min(32, "must be at least 32 characters").optional()),
  TOKEN_SECRET_PREVIOUS: z.preprocess(unset, z.string().min(32, "must be at least 32 characters").optional()),
  BEAM_DATA_DIR: z.preprocess(unset, z.string().trim().default(".beam")),
  BEAM_KVS: z.preprocess(unset, z.enum(["aws", "emulator", "auto"]).default("auto")),
  AWS_REGION: text(),
  AWS_DEFAULT_REGION: text(),
  AWS_ACCESS_KEY_ID: text(),
  AWS_SECRET_ACCESS_KEY: text(),
  AWS_PROFILE: text(),
  AWS_SESSION_TOKEN: text(),
  ...embeddedEmulatorEnv,
  SESSION_TTL_SECONDS: int(4 * 3600, 60, 7 * 24 * 3600),
  PRESIGN_EXPIRES_SECONDS: int(120, 5, 299),
  CHANNEL_PREFIX: z.preprocess(
    unset,
    z
      .string()
      .regex(/^[a-zA-Z0-9_.-]{1,32}$/, "must be 1–32 of [a-zA-Z0-9_.-]")
      .default("beam-"),
  ),
  TURN: z.preprocess(unset, z.enum(["off", "coturn"]).default("off")),
  TURN_URLS: z.preprocess(
    unset,
    z
      .string()
      .transform(splitCommas)
      .pipe(z.array(z.string().regex(/^turns?:/, "each URL must start with turn: or turns:")).min(1))
      .optional(),
  ),
  TURN_SECRET: z.preprocess(
    unset,
    z
      .string()
      .min(16, "must be at least 16 characters")
      .regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces")
      .optional(),
  ),
  TURN_PORT: int(3478, 1, 65535),
  TURN_TTL_SECONDS: int(300, 60, 24 * 3600),
  TURN_ALLOW_LOOPBACK_PEERS: flag,
  TURN_RELAY_IP: z.preprocess(unset, z.union([z.ipv4(), z.ipv6()]).optional()),
  TURN_USER_QUOTA: int(TURN_QUOTA_DEFAULTS.userQuota, 0, 100_000),
  TURN_TOTAL_QUOTA: int(TURN_QUOTA_DEFAULTS.totalQuota, 0, 1_000_000),
  ICE_TRANSPORT_POLICY: z.preprocess(unset, z.enum(["all", "relay"]).default("all")),
  ALLOWED_ORIGINS: commaList(
    z
      .string()
      .transform(normalizeOrigin)
      .pipe(
        z
          .string()
          .regex(
            ORIGIN_PATTERN,
            "each entry must be an origin: moz-extension://<uuid>, chrome-extension://<id> or http(s)://host[:port]",
          ),
      ),
  ),
  ALLOWED_HOSTS: commaList(
    z
      .string()
      .toLowerCase()
      .regex(
        /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/,
        "each entry must be a host name",
      ),
  ),
  HTTP_REQUEST_TIMEOUT_SECONDS: int(15, 1, 300),
  HTTP_MAX_CONNECTIONS: int(1000, 0, 1_000_000),
  LOG_LEVEL: z.preprocess(unset, z.enum(LOG_LEVELS).default("info")),
  TRUST_PROXY: hops,
  RATE_LIMIT_SESSIONS_PER_MINUTE: int(10, 0, 100_000),
  RATE_LIMIT_JOINS_PER_MINUTE: int(60, 0, 100_000),
  RATE_LIMIT_SHARER_PER_MINUTE: int(120, 0, 100_000),
  MAX_SESSIONS: int(50, 0, 10_000),
  VIEWERS_PER_SESSION: int(10, 0, 1_000),
  VIEWER_SEAT_SECONDS: int(15, 1, 300),
  JANITOR_INTERVAL_SECONDS: int(300, 0, 86_400),
});

export type Env = z.infer<typeof envSchema>;
