import { writeFileSync } from "node:fs";
import { EMULATOR_DEFAULT_PORT, emulatorEnvSchema } from "./env-schema.ts";
import { startEmulator } from "./index.ts";

/** `npm run emulator`: the KVS emulator on its own, configured from EMULATOR_* variables. */

const parsed = emulatorEnvSchema.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues)
    console.error(`${issue.path.join(".") || "env"}: ${issue.message}`);
  process.exit(1);
}
const env = parsed.data;
const emulator = await startEmulator({
  credentials: { accessKeyId: env.EMULATOR_ACCESS_KEY_ID, secretAccessKey: env.EMULATOR_SECRET_ACCESS_KEY },
  host: env.EMULATOR_HOST ?? "127.0.0.1",
  port: env.EMULATOR_PORT ?? EMULATOR_DEFAULT_PORT.standalone,
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
