/**
 * The bitrate a new viewer's video starts at. WebRTC starts every sender at 300 kbit/s and climbs
 * from there; at that rate Chromium drops the first camera frames and halves the resolution, which
 * put ~80 ms and a blurry first picture on every join (bench, Chromium 156). Chromium reads a start
 * rate from `x-google-start-bitrate` on the codecs of the remote description, so the master writes
 * it into the viewer's offer before applying it (other browsers ignore the parameter).
 */
export const VIDEO_CODEC = /^a=rtpmap:(\d+) (VP8|VP9|H264|AV1)\/90000$/i;

/** Never above the share's own cap; congestion control still lowers it on a slow link. */
export const START_BITRATE_KBPS = 1000;

export function withStartBitrate(sdp: string, kbps: number): string {
  const lines = sdp.split("\r\n");
  const payloads = new Set(lines.flatMap((line) => VIDEO_CODEC.exec(line)?.[1] ?? []));
  const withParams = new Set<string>();
  const out = lines.map((line) => {
    const fmtp = /^a=fmtp:(\d+) /.exec(line);
    if (!fmtp?.[1] || !payloads.has(fmtp[1])) return line;
    withParams.add(fmtp[1]);
    return line.includes("x-google-start-bitrate") ? line : `${line};x-google-start-bitrate=${kbps}`;
  });
  // A codec without parameters (VP8 usually) gets an fmtp line of its own.
  return out
    .flatMap((line) => {
      const pt = VIDEO_CODEC.exec(line)?.[1];
      return pt && !withParams.has(pt) ? [line, `a=fmtp:${pt} x-google-start-bitrate=${kbps}`] : [line];
    })
    .join("\r\n");
}
