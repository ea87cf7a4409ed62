/**
 * Child process for the capacity benchmark: the KVS emulator alone, so /proc shows its own RSS.
 * Connect and control-plane rates are lifted (the bench opens 2,000 sockets in seconds); the
 * per-channel viewer limit and the message rules stay as KVS has them. Prints one JSON line.
 */
import { randomBytes } from "node:crypto";
import { startEmulator } from "../../token-server/src/emulator/index.ts";

const credentials = {
  accessKeyId: `AKIA${randomBytes(8).toString("hex").toUpperCase()}`,
  secretAccessKey: randomBytes(30).toString("base64url"),
};
const emulator = await startEmulator({
  credentials,
  limits: { connectsPerSecondPerChannel: 0, controlPlaneTps: 0, controlPlaneTpsPerChannel: 0 },
});
console.log(
  JSON.stringify({
    endpoint: emulator.endpoint,
    wssEndpoint: emulator.wssEndpoint,
    region: emulator.region,
    credentials,
  }),
);
process.once("SIGTERM", () => {
  void emulator.close().finally(() => process.exit(0));
});
