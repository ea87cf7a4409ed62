import { startTestEmulator } from "../testing/beam-server.ts";
import { TEST_CREDENTIALS } from "../testing/credentials.ts";
import { describeKvsContract } from "./contract.case.ts";

describeKvsContract("emulator", async () => {
  const emulator = await startTestEmulator();
  return {
    mode: "emulator",
    connection: { region: emulator.region, endpoint: emulator.endpoint, credentials: TEST_CREDENTIALS },
    channelPrefix: "beam-contract-",
    close: () => emulator.close(),
  };
});
