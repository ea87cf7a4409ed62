import { z } from "zod";
import { type Config, ConfigError, loadConfig } from "./config.ts";

export interface LambdaConfig {
  config: Config;
  /** Control-plane endpoint override: only for tests against the emulator's control plane. */
  kvsEndpoint: string | undefined;
  viewerDir: string | undefined;
}

/** The variables only the Lambda handler reads. */
export const lambdaEnvSchema = z.object({
  BEAM_KVS_ENDPOINT: z.preprocess((v) => (v === "" ? undefined : v), z.url().optional()),
  VIEWER_DIR: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
});

/**
 * The token server's configuration inside AWS Lambda. A function instance lives minutes and shares
 * nothing with its siblings, so: AWS mode only (an embedded emulator would vanish with the instance),
 * TOKEN_SECRET from the environment (no data directory to keep one in), and an API key and a
 * PUBLIC_URL, because the function is on the internet and cannot know the address API Gateway gives it.
 */
export function loadLambdaConfig(env: NodeJS.ProcessEnv): LambdaConfig {
  const problems: string[] = [];
  if (env.BEAM_KVS === "emulator") {
    problems.push(
      "BEAM_KVS=emulator: the Lambda handler runs against AWS only (an emulator cannot outlive a function instance). Unset BEAM_KVS; Lambda provides AWS_REGION and the function role's credentials.",
    );
  }
  for (const name of ["TOKEN_SECRET", "API_KEY", "PUBLIC_URL"] as const) {
    if (!env[name]) problems.push(`${name} is required in Lambda.`);
  }
  const extra = lambdaEnvSchema.safeParse(env);
  if (!extra.success) {
    problems.push(...extra.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  let config: Config | undefined;
  try {
    // /tmp is the only writable path in Lambda; with TOKEN_SECRET set nothing is written anyway.
    config = loadConfig({ ...env, BEAM_KVS: "aws", BEAM_DATA_DIR: "/tmp/beam" }, { repoRoot: "/tmp" });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || !config || !extra.success) throw new ConfigError(problems);
  return { config, kvsEndpoint: extra.data.BEAM_KVS_ENDPOINT, viewerDir: extra.data.VIEWER_DIR };
}
