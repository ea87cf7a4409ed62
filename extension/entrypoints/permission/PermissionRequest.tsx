import { useEffect, useState } from "preact/hooks";
import { Wordmark } from "../../components/Wordmark.tsx";
import { sendToBackground } from "../../lib/messaging.ts";
import { t } from "../../lib/strings.ts";

type Outcome = "waiting" | "granted" | "denied";

/** Asks for the camera (and the microphone when there is one) once, on behalf of the offscreen document. */
async function askForCamera(): Promise<boolean> {
  const stream = await navigator.mediaDevices
    .getUserMedia({ video: true, audio: true })
    .catch(() => navigator.mediaDevices.getUserMedia({ video: true }))
    .catch(() => null);
  for (const track of stream?.getTracks() ?? []) track.stop();
  return stream !== null;
}

export function PermissionRequest() {
  const [outcome, setOutcome] = useState<Outcome>("waiting");

  const ask = async () => {
    setOutcome("waiting");
    const granted = await askForCamera();
    setOutcome(granted ? "granted" : "denied");
    if (!granted) return;
    await sendToBackground({ to: "background", type: "permission:result", granted: true });
    window.close();
  };

  useEffect(() => void ask(), []);

  return (
    <main class="permission">
      <Wordmark />
      <h1>{t("permissionTitle")}</h1>
      <p>{t("permissionBody")}</p>
      <p class={`permission-status ${outcome}`} role="status" aria-live="polite">
        {outcome === "waiting" && t("permissionWaiting")}
        {outcome === "granted" && t("permissionGranted")}
        {outcome === "denied" && t("permissionDenied")}
      </p>
      {outcome === "denied" && (
        <button type="button" class="button primary" onClick={() => void ask()}>
          {t("permissionRetry")}
        </button>
      )}
    </main>
  );
}
