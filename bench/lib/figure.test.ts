import { describe, expect, it } from "vitest";
import { failed, judge } from "./figure";
import { formatTable } from "./table";

describe("judge", () => {
  it("passes a value inside its goal and misses one outside", () => {
    const goal = { on: "value" as const, op: "<=" as const, target: 500, text: "≤ 500 ms" };
    expect(judge({ id: "a", label: "a", value: 420, unit: "ms", goal }).verdict).toBe("pass");
    expect(judge({ id: "a", label: "a", value: 501, unit: "ms", goal }).verdict).toBe("miss");
  });

  it("judges the ratio when the goal says so", () => {
    const goal = { on: "ratio" as const, op: ">=" as const, target: 20, text: "≥ 20× baseline" };
    const base = { id: "t", label: "t", value: 12_000, unit: "req/s", goal };
    expect(judge({ ...base, ratio: { value: 25, of: "baseline" } }).verdict).toBe("pass");
    expect(judge({ ...base, ratio: { value: 19.9, of: "baseline" } }).verdict).toBe("miss");
    expect(judge({ ...base, ratio: null }).verdict).toBe("miss");
  });

  it("only reports a figure without a goal", () => {
    expect(judge({ id: "c", label: "c", value: 3, unit: "ms" }).verdict).toBe("report");
  });

  it("counts an unmeasured figure with a goal as a miss", () => {
    const figure = failed("x", "x", "ms", "browser crashed", "≤ 5 ms");
    expect(figure.verdict).toBe("miss");
    expect(figure.note).toContain("browser crashed");
  });
});

describe("formatTable", () => {
  it("prints value, baseline, ratio, goal and result in aligned columns", () => {
    const table = formatTable([
      judge({
        id: "r",
        label: "throughput",
        value: 12_345.6,
        unit: "req/s",
        baseline: 400,
        ratio: { value: 30.86, of: "baseline" },
        goal: { on: "ratio", op: ">=", target: 20, text: "≥ 20× baseline" },
      }),
    ]);
    const [header, rule, line] = table.split("\n");
    expect(header).toMatch(/^\| figure\s+\| value/);
    expect(rule).toMatch(/^\|-+\|/);
    expect(line).toContain("12,346 req/s");
    expect(line).toContain("400 req/s");
    expect(line).toContain("30.9× baseline");
    expect(line).toContain("PASS");
    expect(header?.length).toBe(line?.length);
  });
});
