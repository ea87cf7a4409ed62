import { describe, expect, it } from "vitest";
import { QUALITY_PRESETS } from "../protocol/quality.ts";
import { cameraConstraints, tabConstraints } from "./capture.ts";

describe("capture constraints", () => {
  it("names the tab stream id for audio and video and caps video by the preset", () => {
    const constraints = tabConstraints("stream-1", QUALITY_PRESETS["480p15"]) as unknown as {
      audio: { mandatory: Record<string, unknown> };
      video: { mandatory: Record<string, unknown> };
    };
    expect(constraints.audio.mandatory).toEqual({
      chromeMediaSource: "tab",
      chromeMediaSourceId: "stream-1",
    });
    expect(constraints.video.mandatory).toMatchObject({
      chromeMediaSource: "tab",
      chromeMediaSourceId: "stream-1",
      maxWidth: 854,
      maxHeight: 480,
      maxFrameRate: 15,
    });
  });

  it("asks the camera for the preset size and adds the microphone only when wanted", () => {
    const withMic = cameraConstraints(QUALITY_PRESETS["1080p30"], true);
    expect(withMic.video).toMatchObject({ width: { ideal: 1920 }, height: { ideal: 1080 } });
    expect(withMic.audio).toBeTruthy();
    expect(cameraConstraints(QUALITY_PRESETS["720p30"], false).audio).toBe(false);
  });
});
