/** Error code → the heading and sentence the popup shows. Unknown codes still say something useful. */

import { browser } from "wxt/browser";
import type { ShareError } from "../../protocol/share.ts";
import { isStringKey, t } from "./strings.ts";

export function errorSentence(error: ShareError, context: { serverUrl: string }): string {
  const key = `error_${error.code}`;
  // `origin`: what the server must allow (Firefox gives each installation its own moz-extension:// host).
  const origin = browser.runtime.getURL("/").replace(/\/$/, "");
  const params = { server: context.serverUrl, code: error.code, message: error.message, origin };
  if (error.code === "invalid_token" || error.code === "token_expired")
    return t("error_unauthorized", params);
  if (isStringKey(key)) return t(key, params);
  return t("error_other", params);
}

/** A heading that names the problem where one is known, "Something went wrong" otherwise. */
export function errorTitle(error: ShareError): string {
  const key = `errorTitle_${error.code}`;
  return isStringKey(key) ? t(key) : t("somethingWrong");
}
