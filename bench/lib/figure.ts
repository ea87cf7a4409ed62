/** One benchmark figure as it appears in the table and in `bench/results.json`. */
export type Verdict = "pass" | "miss" | "report";

export interface Goal {
  /** The figure compared: its value, or its ratio. */
  on: "value" | "ratio";
  op: "<=" | ">=" | "<" | "==";
  target: number;
}

export interface Ratio {
  value: number;
  /** What the ratio is taken against: "floor", "baseline". */
  of: string;
}

export interface Figure {
  /** Stable key, e.g. `viewer_ttff_median_ms`. */
  id: string;
  /** Short text for the table. */
  label: string;
  value: number | null;
  unit: string;
  /** The baseline's figure measured in the same run, when there is one. */
  baseline?: number | null;
  ratio?: Ratio | null;
  goal?: Goal & { text: string };
  verdict: Verdict;
  note?: string;
}

export type FigureInput = Omit<Figure, "verdict">;

const holds = (actual: number, goal: Goal) => {
  switch (goal.op) {
    case "<=":
      return actual <= goal.target;
    case ">=":
      return actual >= goal.target;
    case "<":
      return actual < goal.target;
    case "==":
      return actual === goal.target;
  }
};

/** Decides pass/miss from the goal; no goal means the figure is reported only. */
export function judge(input: FigureInput): Figure {
  const { goal } = input;
  if (!goal) return { ...input, verdict: "report" };
  const actual = goal.on === "ratio" ? input.ratio?.value : input.value;
  if (actual === undefined || actual === null || !Number.isFinite(actual))
    return { ...input, verdict: "miss" };
  return { ...input, verdict: holds(actual, goal) ? "pass" : "miss" };
}

/** A figure whose measurement failed: it stays in the table as a miss, with the reason. */
export function failed(id: string, label: string, unit: string, reason: string, goalText?: string): Figure {
  return {
    id,
    label,
    value: null,
    unit,
    verdict: goalText ? "miss" : "report",
    note: `not measured: ${reason}`,
    ...(goalText ? { goal: { on: "value" as const, op: "==" as const, target: 0, text: goalText } } : {}),
  };
}
