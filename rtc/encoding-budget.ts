/**
 * Peer-to-peer means one video encoder per viewer, so the sharer's CPU and upload grow with the
 * crowd. Past two viewers each encoder gets a smaller picture (never a lower frame rate: motion
 * stays smooth), which keeps the sharer near the cost of two full-quality viewers: on this
 * project's 2-core bench machine, ten viewers at full quality each starved everything else on it
 * and took ~20 s to all play. A share that outgrows this belongs on a media server (fan-out).
 */
export interface SendCap {
  maxBitrateKbps: number;
  maxFramerate: number;
}

export interface VideoEncoding extends SendCap {
  scaleResolutionDownBy: number;
}

/** Lowest share of the cap's bitrate a viewer is given, so a small picture still looks sharp. */
const MIN_BITRATE_SHARE = 0.3;

export function encodingFor(viewers: number, cap: SendCap): VideoEncoding {
  const scale = viewers <= 2 ? 1 : viewers <= 4 ? 1.5 : viewers <= 8 ? 2 : 2.5;
  // Bitrate follows the pixels encoded, relative to the full picture.
  const pixelShare = 1 / (scale * scale);
  return {
    scaleResolutionDownBy: scale,
    maxFramerate: cap.maxFramerate,
    maxBitrateKbps: Math.round(cap.maxBitrateKbps * Math.max(MIN_BITRATE_SHARE, pixelShare)),
  };
}

export const sameEncoding = (a: VideoEncoding, b: VideoEncoding): boolean =>
  a.scaleResolutionDownBy === b.scaleResolutionDownBy &&
  a.maxFramerate === b.maxFramerate &&
  a.maxBitrateKbps === b.maxBitrateKbps;
