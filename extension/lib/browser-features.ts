/**
 * What the browser the extension was built for can do, fixed at build time (WXT sets
 * `import.meta.env.FIREFOX` for `wxt build -b firefox`).
 */

/** Firefox has no `tabCapture` and no offscreen documents: the master runs in a sharing tab instead. */
export const IS_FIREFOX: boolean = import.meta.env.FIREFOX;

/** Sharing the current tab without a picker needs `chrome.tabCapture`; Firefox offers tabs in no picker either. */
export const CAN_SHARE_TAB = !IS_FIREFOX;
