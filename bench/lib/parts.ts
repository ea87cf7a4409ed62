/**
 * Which parts of the bench run: `npm run bench -- --only crowd,navigation` runs just those (and what
 * their goals are measured against), so one figure can be worked on without loading the machine
 * with the rest. Without `--only`, every part runs.
 */
export const PARTS = [
  "page-weight",
  "aws-calls",
  "http",
  "emulator",
  "webrtc-floor",
  "navigation",
  "p2p-floor",
  "popup",
  "ttff",
  "join-overhead",
  "crowd",
  "media",
] as const;
export type Part = (typeof PARTS)[number];

/** A goal measured against a floor needs that floor from the same run. */
const NEEDS: Partial<Record<Part, Part[]>> = {
  ttff: ["webrtc-floor", "navigation", "p2p-floor"],
  "join-overhead": ["webrtc-floor"],
};

export function selectParts(argv: readonly string[]): Set<Part> {
  const at = argv.indexOf("--only");
  if (at === -1) return new Set(PARTS);
  const names = (argv[at + 1] ?? "").split(",").filter(Boolean);
  const unknown = names.filter((name) => !(PARTS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`--only takes a comma-separated list of: ${PARTS.join(", ")}`);
  }
  const parts = new Set(names as Part[]);
  for (const part of [...parts]) for (const need of NEEDS[part] ?? []) parts.add(need);
  return parts;
}
