import { describe, expect, it } from "vitest";
import { preferredCodecs, signalingPayloadLength } from "./codecs";

const chromeVideo = [
  { mimeType: "video/VP8" },
  { mimeType: "video/rtx", sdpFmtpLine: "apt=96" },
  { mimeType: "video/VP9", sdpFmtpLine: "profile-id=0" },
  {
    mimeType: "video/H264",
    sdpFmtpLine: "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
  },
  {
    mimeType: "video/H264",
    sdpFmtpLine: "level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f",
  },
  {
    mimeType: "video/H264",
    sdpFmtpLine: "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=640c1f",
  },
  { mimeType: "video/AV1" },
  { mimeType: "video/red" },
  { mimeType: "video/ulpfec" },
];

describe("preferredCodecs", () => {
  it("keeps VP8, one H.264 profile and RTX, in that order, for video", () => {
    const kept = preferredCodecs("video", chromeVideo).map((c) =>
      `${c.mimeType} ${c.sdpFmtpLine ?? ""}`.trim(),
    );
    expect(kept).toEqual([
      "video/VP8",
      "video/H264 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
      "video/rtx apt=96",
    ]);
  });

  it("keeps only Opus for audio", () => {
    const audio = [{ mimeType: "audio/opus" }, { mimeType: "audio/G722" }, { mimeType: "audio/PCMU" }];
    expect(preferredCodecs("audio", audio).map((c) => c.mimeType)).toEqual(["audio/opus"]);
  });
});

describe("signalingPayloadLength", () => {
  it("counts base64 characters of the JSON description", () => {
    const description = { type: "offer" as const, sdp: "v=0\r\n" };
    const expected = Buffer.from(JSON.stringify(description)).toString("base64").length;
    expect(signalingPayloadLength(description)).toBe(expected);
  });
});
