import { describe, expect, it, vi } from "vitest";
import { applyCodecPreferences, preferredCodecs, signalingPayloadLength } from "./codecs";

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

describe("applyCodecPreferences", () => {
  const transceiver = () => ({ receiver: { track: { kind: "video" } }, setCodecPreferences: vi.fn() });
  const capabilities = { codecs: [{ mimeType: "video/VP8" }, { mimeType: "video/AV1" }] };

  it("narrows Chromium's codecs", () => {
    vi.stubGlobal("RTCRtpReceiver", { getCapabilities: () => capabilities });
    const video = transceiver();
    const pc = { getTransceivers: () => [video] } as unknown as RTCPeerConnection;
    applyCodecPreferences(
      pc,
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/150.0.0.0 Safari/537.36",
    );
    expect(video.setCodecPreferences).toHaveBeenCalledWith([{ mimeType: "video/VP8" }]);
    vi.unstubAllGlobals();
  });

  it("leaves Firefox's codecs alone, since it would keep lines Chromium cannot parse", () => {
    const video = transceiver();
    const pc = { getTransceivers: () => [video] } as unknown as RTCPeerConnection;
    applyCodecPreferences(pc, "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0");
    expect(video.setCodecPreferences).not.toHaveBeenCalled();
  });
});

describe("signalingPayloadLength", () => {
  it("counts base64 characters of the JSON description", () => {
    const description = { type: "offer" as const, sdp: "v=0\r\n" };
    const expected = Buffer.from(JSON.stringify(description)).toString("base64").length;
    expect(signalingPayloadLength(description)).toBe(expected);
  });
});
