import { useEffect, useState } from "preact/hooks";
import { type Browser, browser } from "wxt/browser";
import type { ShareSource, ShareState } from "../../../protocol/share.ts";
import { IdleView } from "../../components/IdleView.tsx";
import { LiveView } from "../../components/LiveView.tsx";
import { OutcomeView } from "../../components/OutcomeView.tsx";
import { StartingView } from "../../components/StartingView.tsx";
import { useStored } from "../../components/use-stored.ts";
import { Wordmark } from "../../components/Wordmark.tsx";
import { POPUP_PORT, sendToBackground } from "../../lib/messaging.ts";
import { settingsItem } from "../../lib/settings.ts";
import { shareItem } from "../../lib/share-store.ts";
import { t } from "../../lib/strings.ts";

async function start(source: ShareSource) {
  // The popup's own click granted activeTab for the tab it was opened on; the background needs its id.
  const [tab] = source === "tab" ? await browser.tabs.query({ active: true, currentWindow: true }) : [];
  await sendToBackground({ to: "background", type: "share:start", source, tabId: tab?.id });
}

const stop = () => void sendToBackground({ to: "background", type: "share:stop" });
const reset = () => void sendToBackground({ to: "background", type: "share:reset" });
const openOptions = () => void browser.runtime.openOptionsPage();

/**
 * Holds a port to the background while the popup is open: its disconnect tells the background that
 * the popup closed (Chrome closes it when a tab capture starts), so the link can reach the person
 * another way. A restarted service worker drops the port; the popup connects again.
 */
function usePresence() {
  useEffect(() => {
    let port: Browser.runtime.Port | undefined;
    let closing = false;
    const connect = () => {
      port = browser.runtime.connect({ name: POPUP_PORT });
      port.onDisconnect.addListener(() => {
        if (!closing) connect();
      });
    };
    connect();
    return () => {
      closing = true;
      port?.disconnect();
    };
  }, []);
}

export function App() {
  usePresence();
  const state = useStored(shareItem);
  const settings = useStored(settingsItem);
  const live = state?.status === "live" || state?.status === "reconnecting";

  return (
    <main class="popup">
      <header class="header">
        <Wordmark heading />
        {live && <span class="live-pill">{t("live")}</span>}
        <button type="button" class="icon-button" onClick={openOptions} aria-label={t("openOptions")}>
          <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <path
              fill="currentColor"
              d="M19.4 13a7.5 7.5 0 0 0 0-2l2-1.6-2-3.4-2.4 1a7.3 7.3 0 0 0-1.7-1L15 3.5h-4L10.6 6a7.3 7.3 0 0 0-1.7 1l-2.4-1-2 3.4 2 1.6a7.5 7.5 0 0 0 0 2l-2 1.6 2 3.4 2.4-1a7.3 7.3 0 0 0 1.7 1l.4 2.5h4l.4-2.5a7.3 7.3 0 0 0 1.7-1l2.4 1 2-3.4zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z"
              transform="translate(-1 0)"
            />
          </svg>
        </button>
      </header>
      {state && settings && <Body state={state} serverUrl={settings.serverUrl} />}
    </main>
  );
}

/** The tab the popup was opened on: a live share offers to switch to it. */
function usePopupTabId(): number | undefined {
  const [tabId, setTabId] = useState<number | undefined>(undefined);
  useEffect(() => {
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => setTabId(tab?.id));
  }, []);
  return tabId;
}

function Body({ state, serverUrl }: { state: ShareState; serverUrl: string }) {
  const popupTabId = usePopupTabId();
  switch (state.status) {
    case "idle":
      return <IdleView serverUrl={serverUrl} onStart={(source) => void start(source)} />;
    case "starting":
      return <StartingView phase={state.phase} onCancel={stop} />;
    case "live":
    case "reconnecting":
      return <LiveView state={state} serverUrl={serverUrl} popupTabId={popupTabId} onStop={stop} />;
    case "ended":
    case "failed":
      return (
        <OutcomeView
          state={state}
          serverUrl={serverUrl}
          onStart={(source) => void start(source)}
          onReset={reset}
          onOptions={openOptions}
        />
      );
  }
}
