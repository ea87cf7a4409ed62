import { useState } from "preact/hooks";
import type { BackgroundMessage } from "../../../protocol/extension-messages.ts";
import { errorSentence } from "../../lib/error-sentence.ts";
import { sendToBackground } from "../../lib/messaging.ts";

/** Sends a live control to the background; a refusal becomes a sentence the popup shows. */
export function useControl(serverUrl: string) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (message: BackgroundMessage) => {
    setBusy(true);
    setError(null);
    const reply = await sendToBackground(message);
    setBusy(false);
    if (!reply.ok) setError(errorSentence(reply.error, { serverUrl }));
  };
  return { run: (message: BackgroundMessage) => void run(message), error, busy };
}

export type Control = ReturnType<typeof useControl>;
