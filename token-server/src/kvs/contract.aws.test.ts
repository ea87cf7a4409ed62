/**
 * The KVS contract against real AWS: opt-in, because it makes (and deletes) a real channel, which
 * costs cents. BEAM_AWS_CONTRACT=1 with AWS_REGION and credentials (docs/aws-contract.md).
 * Unset, the suite is skipped; set without a region or credentials, it fails rather than pass empty.
 */
import { describe, it } from "vitest";
import { createKvsClients } from "./clients.ts";
import { describeKvsContract } from "./contract.case.ts";

const requested = process.env.BEAM_AWS_CONTRACT;

if (!requested) {
  describe.skip("KVS contract: AWS (set BEAM_AWS_CONTRACT=1, see docs/aws-contract.md)", () => {
    it("runs the contract against real Kinesis Video Streams", () => {});
  });
} else {
  describeKvsContract("AWS", async () => {
    if (requested !== "1")
      throw new Error(`BEAM_AWS_CONTRACT=${requested}: set it to 1 to run, or unset it.`);
    const region = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
    if (!region) throw new Error("BEAM_AWS_CONTRACT=1 needs AWS_REGION (e.g. us-west-2).");
    const probe = createKvsClients({ region });
    try {
      await probe.credentials();
    } catch (error) {
      throw new Error(
        `BEAM_AWS_CONTRACT=1 found no AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, SSO or a role): ${(error as Error).message}`,
        { cause: error },
      );
    } finally {
      probe.destroy();
    }
    console.warn(
      `KVS contract against real AWS in ${region}: it creates one signaling channel named beam-contract-… and deletes it again. This costs a few cents at most.`,
    );
    return { mode: "aws", connection: { region }, channelPrefix: "beam-contract-", close: async () => {} };
  });
}
