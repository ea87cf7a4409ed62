/**
 * `npm run turn`: Debian's coturn on its own, for a token server started elsewhere. Prints the
 * TURN_URLS and TURN_SECRET to give that server. (`TURN=coturn npm start` does both in one process.)
 */
import { randomBytes } from "node:crypto";
import { networkInterfaces } from "node:os";
import { z } from "zod";
import { startCoturn } from "./coturn.ts";
import { pickRelayIp } from "./relay-ip.ts";
import { coturnUrls } from "./turn-config.ts";

const Env = z.object({
  TURN_HOST: z.string().trim().min(1).default("127.0.0.1"),
  TURN_PUBLIC_HOST: z.string().trim().min(1).optional(),
  TURN_PORT: z.coerce.number().int().min(1).max(65535).default(3478),
  TURN_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
});

const parsed = Env.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join(".")}: ${issue.message}`);
  process.exit(1);
}
const env = parsed.data;
const secret = env.TURN_SECRET ?? randomBytes(24).toString("base64url");
const publicHost =
  env.TURN_PUBLIC_HOST ??
  (env.TURN_HOST === "0.0.0.0" || env.TURN_HOST === "::" ? "127.0.0.1" : env.TURN_HOST);

const wildcard = env.TURN_HOST === "0.0.0.0" || env.TURN_HOST === "::";
const coturn = await startCoturn({
  listenHost: env.TURN_HOST,
  port: env.TURN_PORT,
  secret,
  ...(wildcard ? { relayIp: pickRelayIp(publicHost, networkInterfaces()) } : {}),
}).catch((error: Error) => {
  console.error(`Cannot start coturn (apt-get install coturn?):\n${error.message}`);
  process.exit(1);
});
console.log(`coturn (pid ${coturn.pid}) listening on ${env.TURN_HOST}:${env.TURN_PORT}`);
console.log("Start the token server with:");
console.log(
  `  TURN_URLS='${coturnUrls(publicHost, env.TURN_PORT).join(",")}' TURN_SECRET='${secret}' npm run server`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void coturn.close().then(() => process.exit(0)));
}
