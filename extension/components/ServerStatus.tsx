import { useEffect, useState } from "preact/hooks";
import type { HealthResponse } from "../../protocol/api.ts";
import { t } from "../lib/strings.ts";
import { createTokenClient } from "../lib/token-client.ts";

/** A one-line hint under the share buttons: is the token server there, and which KVS does it use. */
export function ServerStatus({ serverUrl }: { serverUrl: string }) {
  const [health, setHealth] = useState<HealthResponse | "checking" | "down">("checking");
  useEffect(() => {
    let alive = true;
    createTokenClient({ serverUrl })
      .health()
      .then(
        (h) => alive && setHealth(h),
        () => alive && setHealth("down"),
      );
    return () => {
      alive = false;
    };
  }, [serverUrl]);

  if (health === "checking") return <p class="server-status">{t("serverChecking")}</p>;
  if (health === "down") {
    return <p class="server-status down">{t("serverDown", { server: serverUrl })}</p>;
  }
  const mode = health.kvs === "emulator" ? t("modeEmulator") : t("modeAws", { region: health.region });
  return <p class="server-status ok">{t("serverReady", { mode })}</p>;
}
