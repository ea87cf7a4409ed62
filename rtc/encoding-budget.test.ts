import { describe, expect, it } from "vitest";
import { encodingFor, sameEncoding } from "./encoding-budget";

const CAP = { maxBitrateKbps: 2500, maxFramerate: 30 };
/** Pixels per second encoded in all, in full-quality streams. */
const load = (viewers: number) => {
  const e = encodingFor(viewers, CAP);
  return viewers / e.scaleResolutionDownBy ** 2;
};

describe("encoding budget", () => {
  it("gives one or two viewers the full picture the share asked for", () => {
    expect(encodingFor(1, CAP)).toEqual({ scaleResolutionDownBy: 1, ...CAP });
    expect(encodingFor(2, CAP)).toEqual({ scaleResolutionDownBy: 1, ...CAP });
  });

  it("keeps a crowd of up to KVS's ten viewers near the cost of two full streams", () => {
    for (let viewers = 1; viewers <= 10; viewers++) expect(load(viewers)).toBeLessThanOrEqual(2);
    expect(encodingFor(10, CAP)).toEqual({
      scaleResolutionDownBy: 2.5,
      maxFramerate: 30,
      maxBitrateKbps: 750,
    });
  });

  it("keeps the frame rate, only ever lowers the bitrate cap, and never below a usable bitrate", () => {
    for (let viewers = 1; viewers <= 10; viewers++) {
      const e = encodingFor(viewers, CAP);
      expect(e.maxFramerate).toBe(CAP.maxFramerate);
      expect(e.maxBitrateKbps).toBeLessThanOrEqual(CAP.maxBitrateKbps);
      expect(e.maxBitrateKbps).toBeGreaterThanOrEqual(CAP.maxBitrateKbps * 0.3);
    }
  });

  it("tells when a change of audience changes nothing", () => {
    expect(sameEncoding(encodingFor(3, CAP), encodingFor(4, CAP))).toBe(true);
    expect(sameEncoding(encodingFor(2, CAP), encodingFor(3, CAP))).toBe(false);
  });
});
