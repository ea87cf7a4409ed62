/** Cases per fuzz suite; issue 6 asks for at least 10,000 in total (checked in runs.test.ts). */
export const FUZZ_RUNS = {
  tokenServerHttp: 3_000,
  emulatorHttp: 2_000,
  signalingFrames: 4_500,
  signalingUpgrades: 500,
} as const;
