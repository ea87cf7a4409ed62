/**
 * Unit-test setup: WXT's fake browser has no `i18n`, so extension code under test reads the English
 * locale file, as Chrome does for an English browser.
 */
import { fakeBrowser } from "wxt/testing/fake-browser";
import messages from "../public/_locales/en/messages.json";

const english: Record<string, { message: string }> = messages;

fakeBrowser.i18n.getMessage = (name: string) => english[name]?.message ?? "";
