/**
 * Every user-facing string of the extension, in one table so issue 8 can localise it.
 * Placeholders are `{name}`, filled by `t`.
 */
export const STRINGS = {
  appName: "Beam",
  shareTab: "Share this tab",
  shareCamera: "Share camera",
  shareHint: "Anyone with the link can watch. Nothing is recorded.",
  starting: "Starting…",
  startingPermission: "Waiting for camera permission in the new tab…",
  startingSession: "Creating a private link…",
  startingCapture: "Starting the capture…",
  live: "LIVE",
  reconnecting: "Reconnecting…",
  reconnectingHint: "Viewers keep watching; new viewers can join once Beam is back online.",
  sharingTab: "Sharing this tab",
  sharingCamera: "Sharing your camera",
  viewerLink: "Viewer link",
  linkHint: "Anyone with this link can watch.",
  copyLink: "Copy link",
  copied: "Copied",
  copyFailed: "Copy failed — select the link and copy it",
  qrAlt: "QR code of the viewer link",
  watching: "watching",
  elapsed: "Live for",
  stopSharing: "Stop sharing",
  cancel: "Cancel",
  ended: "Share ended",
  endedStopped: "You stopped sharing. The link no longer works.",
  endedTabClosed: "The shared tab was closed, so the share ended.",
  endedTabNavigated: "The shared tab moved to a page Chrome doesn't allow sharing, so the share ended.",
  endedCaptureEnded: "The capture stopped, so the share ended.",
  endedExpired: "The share reached its time limit.",
  shareAgain: "Share again",
  tryAgain: "Try again",
  openOptions: "Options",
  somethingWrong: "Something went wrong",
  serverChecking: "Checking the Beam server…",
  serverReady: "Server ready · {mode}",
  serverDown: "Beam server not reachable at {server}",
  modeEmulator: "local emulator",
  modeAws: "AWS {region}",
  // Options page
  optionsTitle: "Beam options",
  serverUrlLabel: "Token server URL",
  serverUrlHelp: "Where your Beam token server runs.",
  apiKeyLabel: "API key",
  apiKeyHelp: "Only needed if the server was started with an API key.",
  qualityLabel: "Quality",
  quality720p30: "720p · 30 fps · up to 2.5 Mbps (recommended)",
  quality1080p30: "1080p · 30 fps · up to 4.5 Mbps",
  quality480p15: "480p · 15 fps · up to 0.8 Mbps (slow connections)",
  save: "Save",
  saved: "Saved",
  testConnection: "Test connection",
  testing: "Testing…",
  testOk: "Connected to {server} ({mode}). {auth}",
  authAccepted: "The API key was accepted.",
  authNotRequired: "This server does not ask for an API key.",
  invalidServerUrl: "Enter a full http:// or https:// URL.",
  hostPermissionDenied: "Beam needs permission to reach {origin} to use it.",
  // Permission page
  permissionTitle: "Allow Beam to use your camera",
  permissionBody:
    "Chrome asks once per extension. Beam only turns the camera on while you share, and you can stop at any time from the toolbar.",
  permissionWaiting: "Choose Allow in Chrome's prompt.",
  permissionGranted: "Thanks! Your camera share is starting. You can close this tab.",
  permissionDenied:
    "Camera access was blocked. Allow it from the camera icon in the address bar, then try again.",
  permissionRetry: "Ask again",
  // Error sentences, keyed by error code
  error_server_unreachable: "Can't reach the Beam server at {server}. Is it running?",
  error_bad_server_response:
    "The server at {server} answered in a way Beam doesn't understand. Is it a Beam server?",
  error_unauthorized: "The API key was refused. Check it in Options.",
  error_forbidden: "The server refused this request. Check the API key in Options.",
  error_tab_not_capturable:
    "Chrome doesn't allow sharing this page. Switch to a regular web page and try again.",
  error_tab_capture_failed:
    "Chrome couldn't capture this tab. Click the Beam icon on the tab again and retry.",
  error_camera_denied:
    "Beam isn't allowed to use your camera. Allow it when asked, or in Chrome's site settings.",
  error_camera_unavailable: "No camera was found, or another app is using it.",
  error_offscreen_failed: "Beam couldn't start its capture page. Reload the extension and try again.",
  error_signaling_failed: "Lost the connection to the signaling service and couldn't get it back.",
  error_too_many_sessions:
    "The server is already running as many shares as it allows. Stop one and try again.",
  error_rate_limited: "Too many attempts in a short time. Wait a moment and try again.",
  error_kvs_access_denied: "The server's AWS credentials were refused by Kinesis Video Streams.",
  error_kvs_unavailable: "Kinesis Video Streams is not reachable from the server right now.",
  error_kvs_throttled: "Kinesis Video Streams is busy. Try again in a moment.",
  error_session_ended: "The share was already ended on the server.",
  error_other: "Something went wrong ({code}): {message}",
} as const;

export type StringKey = keyof typeof STRINGS;

export function t(key: StringKey, params: Record<string, string | number> = {}): string {
  return STRINGS[key].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}
