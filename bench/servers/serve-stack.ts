/**
 * Child process for the HTTP benchmarks: the bench stack with KVS quotas lifted (so the baseline
 * is measured at its best, not throttled), plus one live session. Prints `{ beamUrl, baselineUrl,
 * session }` as one JSON line, then serves until SIGTERM.
 */
import { startStack } from "../lib/stack.ts";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const stack = await startStack({ limits: { controlPlaneTps: 0, controlPlaneTpsPerChannel: 0 } });
const session = await stack.createSession();
console.log(JSON.stringify({ beamUrl: stack.beamUrl, baselineUrl: stack.baselineUrl, session }));
process.once("SIGTERM", () => {
  void stack.close().finally(() => process.exit(0));
});
