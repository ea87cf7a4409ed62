/** The Options page's *Test connection*: health, KVS mode and whether the API key gets through. */
import { errorSentence } from "./error-sentence.ts";
import { toShareError } from "./share-failure.ts";
import { t } from "./strings.ts";
import { createTokenClient } from "./token-client.ts";

export async function testConnection(
  serverUrl: string,
  apiKey: string,
): Promise<{ ok: boolean; text: string }> {
  const client = createTokenClient({ serverUrl, apiKey: apiKey || undefined });
  try {
    const health = await client.health();
    const mode = health.kvs === "emulator" ? t("modeEmulator") : t("modeAws", { region: health.region });
    const check = await client.checkApiKey();
    if (check === "refused") return { ok: false, text: t("error_unauthorized") };
    const auth = apiKey ? t("authAccepted") : t("authNotRequired");
    return { ok: true, text: t("testOk", { server: serverUrl, mode, auth }) };
  } catch (error) {
    return { ok: false, text: errorSentence(toShareError(error), { serverUrl }) };
  }
}
