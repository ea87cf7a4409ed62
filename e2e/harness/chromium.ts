/** Chromium flags shared by every browser the e2e suite launches. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

export const BASE_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  // Media: the fake camera (a moving pattern with a timer) and loopback ICE candidates, since the
  // tests run in a namespace whose only interface is lo.
  "--use-fake-device-for-media-stream",
  "--allow-loopback-in-peer-connection",
  "--autoplay-policy=no-user-gesture-required",
  // Without these Chromium keeps dialing Google hosts that the closed network refuses.
  "--disable-quic",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
