import { useEffect, useState } from "preact/hooks";
import type { ViewerInfo } from "../../../protocol/extension-messages.ts";
import { sendToMaster } from "../../lib/messaging.ts";
import { t } from "../../lib/strings.ts";
import { viewerRows } from "../../lib/viewer-row.ts";
import type { Control } from "./use-control.ts";

const POLL_MS = 1000;
/** Join times in the language of the popup's words, not the browser's default formats. */
const clock = (ms: number) =>
  new Date(ms).toLocaleTimeString(t("htmlLang"), { hour: "2-digit", minute: "2-digit" });

/** Asked from the master itself while the popup is open, so a closed popup costs nothing. */
function useViewers(): ViewerInfo[] {
  const [viewers, setViewers] = useState<ViewerInfo[]>([]);
  useEffect(() => {
    let alive = true;
    const poll = async () => {
      const reply = await sendToMaster({ to: "master", type: "master:viewers" });
      if (alive && reply.ok) setViewers(reply.value);
    };
    void poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);
  return viewers;
}

/** Who is watching, who waits to be let in, and the buttons to answer or remove each. */
export function ViewerList({ control }: { control: Control }) {
  const rows = viewerRows(useViewers(), clock);
  const send = control.run;
  return (
    <section class="viewer-list" aria-label={t("viewersTitle")}>
      <h2 class="section-title">{t("viewersTitle")}</h2>
      {rows.length === 0 && <p class="hint">{t("noViewers")}</p>}
      <ul>
        {rows.map((row) => (
          <li key={row.clientId} data-client-id={row.clientId} class={row.waiting ? "waiting" : ""}>
            <div>
              <strong>{row.name}</strong>
              <small class="muted">{row.detail}</small>
            </div>
            {row.waiting ? (
              <div class="row-actions">
                <button
                  type="button"
                  class="button primary small"
                  aria-label={t("allowViewer", { name: row.name })}
                  onClick={() =>
                    send({ to: "background", type: "share:admit", clientId: row.clientId, allow: true })
                  }
                >
                  {t("allow")}
                </button>
                <button
                  type="button"
                  class="button secondary small"
                  aria-label={t("denyViewer", { name: row.name })}
                  onClick={() =>
                    send({ to: "background", type: "share:admit", clientId: row.clientId, allow: false })
                  }
                >
                  {t("deny")}
                </button>
              </div>
            ) : (
              <details class="row-actions">
                <summary aria-label={t("removeViewerMenu", { name: row.name })}>{t("remove")}</summary>
                <button
                  type="button"
                  class="button danger small"
                  aria-label={t("removeViewer", { name: row.name })}
                  onClick={() => send({ to: "background", type: "share:remove", clientId: row.clientId })}
                >
                  {t("remove")}
                </button>
                <button
                  type="button"
                  class="button secondary small"
                  aria-label={t("removeAndNewLinkViewer", { name: row.name })}
                  onClick={() =>
                    send({ to: "background", type: "share:new-link", removeClientId: row.clientId })
                  }
                >
                  {t("removeAndNewLink")}
                </button>
                <small class="muted">{t("removeHint")}</small>
              </details>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
