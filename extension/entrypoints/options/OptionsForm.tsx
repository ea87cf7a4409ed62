import { useEffect, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import { isQualityPresetId, QUALITY_PRESETS, type QualityPresetId } from "../../../protocol/quality.ts";
import { BeamMark } from "../../components/Wordmark.tsx";
import { testConnection } from "../../lib/connection-test.ts";
import { hostPermissionFor, parseServerUrl } from "../../lib/server-origin.ts";
import { DEFAULT_SETTINGS, loadSettings, type Settings, settingsItem } from "../../lib/settings.ts";
import { type StringKey, t } from "../../lib/strings.ts";

const QUALITY_LABEL: Record<QualityPresetId, StringKey> = {
  "720p30": "quality720p30",
  "1080p30": "quality1080p30",
  "480p15": "quality480p15",
};

/** The on/off settings, each a checkbox on its own line. */
const CHECKBOX_LABEL = {
  askBeforeJoin: "askBeforeJoinOption",
  copyLinkOnStart: "copyLinkOnStartOption",
} as const satisfies Partial<Record<keyof Settings, StringKey>>;

type Status = { ok: boolean; text: string } | null;

/** Checks the URL and asks for the host permission a non-loopback server needs (the click is the gesture). */
async function validated(form: Settings): Promise<Settings | string> {
  const serverUrl = parseServerUrl(form.serverUrl);
  if (!serverUrl) return t("invalidServerUrl");
  const origin = hostPermissionFor(serverUrl);
  if (origin && !(await browser.permissions.request({ origins: [origin] }))) {
    return t("hostPermissionDenied", { origin });
  }
  return { ...form, serverUrl, apiKey: form.apiKey.trim() };
}

export function OptionsForm() {
  const [form, setForm] = useState<Settings>(DEFAULT_SETTINGS);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => void loadSettings().then(setForm), []);

  const update = (patch: Partial<Settings>) => {
    setForm({ ...form, ...patch });
    setStatus(null);
  };

  const run = async (action: (settings: Settings) => Promise<Status>) => {
    setBusy(true);
    const checked = await validated(form);
    setStatus(typeof checked === "string" ? { ok: false, text: checked } : await action(checked));
    if (typeof checked !== "string") setForm(checked);
    setBusy(false);
  };

  const save = (e: Event) => {
    e.preventDefault();
    void run(async (settings) => {
      await settingsItem.setValue(settings);
      return { ok: true, text: t("saved") };
    });
  };

  return (
    <main class="options">
      <h1 class="options-title">
        <BeamMark />
        {t("optionsTitle")}
      </h1>
      <form onSubmit={save} class="options-form">
        <div class="field">
          <label for="server-url">{t("serverUrlLabel")}</label>
          <input
            id="server-url"
            type="url"
            required
            value={form.serverUrl}
            aria-describedby="server-url-help"
            onInput={(e) => update({ serverUrl: e.currentTarget.value })}
          />
          <small id="server-url-help">{t("serverUrlHelp")}</small>
        </div>
        <div class="field">
          <label for="api-key">{t("apiKeyLabel")}</label>
          <input
            id="api-key"
            type="password"
            autoComplete="off"
            value={form.apiKey}
            aria-describedby="api-key-help"
            onInput={(e) => update({ apiKey: e.currentTarget.value })}
          />
          <small id="api-key-help">{t("apiKeyHelp")}</small>
        </div>
        <div class="field">
          <label for="quality">{t("qualityLabel")}</label>
          <select
            id="quality"
            value={form.quality}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (isQualityPresetId(value)) update({ quality: value });
            }}
          >
            {Object.keys(QUALITY_PRESETS).map((id) => (
              <option key={id} value={id}>
                {t(QUALITY_LABEL[id as QualityPresetId])}
              </option>
            ))}
          </select>
        </div>
        {(["askBeforeJoin", "copyLinkOnStart"] as const).map((key) => (
          <div class="field field--check" key={key}>
            <label>
              <input
                type="checkbox"
                checked={form[key]}
                onChange={(e) => update({ [key]: e.currentTarget.checked })}
              />{" "}
              {t(CHECKBOX_LABEL[key])}
            </label>
          </div>
        ))}
        <div class="options-actions">
          <button type="submit" class="button primary" disabled={busy}>
            {t("save")}
          </button>
          <button
            type="button"
            class="button secondary"
            disabled={busy}
            onClick={() => void run((s) => testConnection(s.serverUrl, s.apiKey))}
          >
            {busy ? t("testing") : t("testConnection")}
          </button>
        </div>
        <p class={`options-status ${status?.ok ? "ok" : "bad"}`} role="status" aria-live="polite">
          {status?.text ?? ""}
        </p>
      </form>
    </main>
  );
}
