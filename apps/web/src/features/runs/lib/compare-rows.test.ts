import type { RunDetail } from "@roundhouse/contracts";
import { describe, expect, it } from "vitest";
import { compareRows, numericFields } from "./compare-rows";

const run = (metrics: Record<string, number>, params: Record<string, unknown>): RunDetail =>
  ({ metrics, params, algorithm: "gbdt", rowsTrain: 800, rowsHoldout: 200 }) as unknown as RunDetail;

describe("compareRows", () => {
  const runs = [
    run({ auc: 0.7, logloss: 0.5 }, { numTrees: 20, maxDepth: 4 }),
    run({ auc: 0.8, logloss: 0.6 }, { numTrees: 40, maxDepth: 4 }),
  ];
  const rows = compareRows(runs);
  const byName = (n: string) => rows.find((r) => r.name === n);

  it("marks the best run per metric in the metric's direction", () => {
    expect(byName("auc")?.best).toEqual([1]);
    expect(byName("logloss")?.best).toEqual([0]);
  });

  it("flags the rows that differ, so the table can hide the rest", () => {
    expect(byName("numTrees")?.differs).toBe(true);
    expect(byName("maxDepth")?.differs).toBe(false);
    expect(byName("train rows")?.differs).toBe(false);
  });

  it("offers metrics and numeric parameters as chart axes", () => {
    expect(numericFields(runs)).toEqual({ metrics: ["auc", "logloss"], params: ["numTrees"] });
  });
});
