import type { Figure } from "./figure";
import { round } from "./stats";

const HEADERS = ["figure", "value", "baseline", "ratio", "goal", "result"];

function formatNumber(value: number | null | undefined, unit = ""): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${round(value).toLocaleString("en-US")}${unit ? ` ${unit}` : ""}`;
}

function row(figure: Figure): string[] {
  return [
    figure.label,
    formatNumber(figure.value, figure.unit),
    figure.baseline === undefined ? "" : formatNumber(figure.baseline, figure.unit),
    figure.ratio ? `${formatNumber(figure.ratio.value)}× ${figure.ratio.of}` : "",
    figure.goal?.text ?? "",
    figure.verdict === "report" ? "report" : figure.verdict.toUpperCase(),
  ];
}

/** A Markdown table (it also reads well in a terminal). */
export function formatTable(figures: readonly Figure[]): string {
  const rows = [HEADERS, ...figures.map(row)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const rule = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  return [line(HEADERS), rule, ...rows.slice(1).map(line)].join("\n");
}
