/** Quality presets: applied to capture constraints and to each viewer's video sender. */
export const QUALITY_PRESETS = {
  "720p30": { width: 1280, height: 720, frameRate: 30, maxBitrateKbps: 2500 },
  "1080p30": { width: 1920, height: 1080, frameRate: 30, maxBitrateKbps: 4500 },
  "480p15": { width: 854, height: 480, frameRate: 15, maxBitrateKbps: 800 },
} as const satisfies Record<string, Quality>;

export interface Quality {
  width: number;
  height: number;
  frameRate: number;
  maxBitrateKbps: number;
}

export type QualityPresetId = keyof typeof QUALITY_PRESETS;
export const DEFAULT_QUALITY: QualityPresetId = "720p30";

export function isQualityPresetId(value: unknown): value is QualityPresetId {
  return typeof value === "string" && Object.hasOwn(QUALITY_PRESETS, value);
}
