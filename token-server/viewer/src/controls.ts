/** Unmute and fullscreen. Autoplay needs `muted`, so sound waits for the viewer's click. */
import { byId } from "./dom";
import type { Translate } from "./i18n/language";

type IosVideo = HTMLVideoElement & { webkitEnterFullscreen?: () => void };

export function setUpControls(video: HTMLVideoElement, stage: HTMLElement, t: Translate): void {
  const unmute = byId<HTMLButtonElement>("unmute");
  const unmuteLabel = byId("unmute-label");
  const showMuted = () => {
    unmuteLabel.textContent = t(video.muted ? "unmute" : "mute");
    unmute.classList.toggle("button--primary", video.muted);
    unmute.classList.toggle("is-unmuted", !video.muted);
  };
  unmute.addEventListener("click", () => {
    video.muted = !video.muted;
    if (!video.muted) void video.play().catch(() => {});
  });
  video.addEventListener("volumechange", showMuted);

  const fullscreen = byId<HTMLButtonElement>("fullscreen");
  const fullscreenLabel = byId("fullscreen-label");
  const ios = video as IosVideo;
  const canStage = typeof stage.requestFullscreen === "function" && document.fullscreenEnabled;
  fullscreen.hidden = !canStage && typeof ios.webkitEnterFullscreen !== "function";
  fullscreen.addEventListener("click", () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    // The stage keeps the controls and the status overlay; iPhones can only make the video itself full screen.
    else if (canStage) void stage.requestFullscreen().catch(() => ios.webkitEnterFullscreen?.());
    else ios.webkitEnterFullscreen?.();
  });
  document.addEventListener("fullscreenchange", () => {
    fullscreenLabel.textContent = t(document.fullscreenElement ? "exitFullscreen" : "fullscreen");
  });
  showMuted();
}
