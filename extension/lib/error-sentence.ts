/** Error code → the sentence the popup shows. Unknown codes still say something useful. */
import type { ShareError } from "../../protocol/share.ts";
import { STRINGS, type StringKey, t } from "./strings.ts";

export function errorSentence(error: ShareError, context: { serverUrl: string }): string {
  const key = `error_${error.code}`;
  const params = { server: context.serverUrl, code: error.code, message: error.message };
  if (error.code === "invalid_token" || error.code === "token_expired")
    return t("error_unauthorized", params);
  if (key in STRINGS) return t(key as StringKey, params);
  return t("error_other", params);
}
