import { describe, expect, it } from "vitest";
import { withStartBitrate } from "./start-bitrate";

const OFFER = [
  "v=0",
  "m=video 9 UDP/TLS/RTP/SAVPF 96 97 102",
  "a=rtpmap:96 VP8/90000",
  "a=rtcp-fb:96 nack",
  "a=rtpmap:97 rtx/90000",
  "a=fmtp:97 apt=96",
  "a=rtpmap:102 H264/90000",
  "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
  "m=audio 9 UDP/TLS/RTP/SAVPF 111",
  "a=rtpmap:111 opus/48000/2",
  "a=fmtp:111 minptime=10;useinbandfec=1",
  "",
].join("\r\n");

describe("start bitrate", () => {
  it("sets the start rate on every video codec, adding an fmtp line where a codec has none", () => {
    const lines = withStartBitrate(OFFER, 1000).split("\r\n");
    expect(lines).toContain("a=fmtp:96 x-google-start-bitrate=1000");
    expect(lines.indexOf("a=fmtp:96 x-google-start-bitrate=1000")).toBe(
      lines.indexOf("a=rtpmap:96 VP8/90000") + 1,
    );
    expect(lines).toContain(
      "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f;x-google-start-bitrate=1000",
    );
  });

  it("leaves RTX, audio and a rate already there alone", () => {
    const once = withStartBitrate(OFFER, 1000);
    expect(withStartBitrate(once, 1000)).toBe(once);
    expect(once).toContain("a=fmtp:97 apt=96\r\n");
    expect(once).toContain("a=fmtp:111 minptime=10;useinbandfec=1\r\n");
    expect(once.endsWith("\r\n")).toBe(true);
  });
});
