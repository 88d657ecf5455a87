import { describe, expect, it } from "vitest";
import { parseTrainingSpec } from "./api/jobs.ts";
import { SweepSchema, sweepCombinations } from "./api/sweep.ts";

const base = { metadata: { name: "s" }, data: { dataset: "d", label: "y" }, train: { algorithm: "gbdt" } };

describe("sweeps", () => {
  it("a grid is the product of the values, cut at maxTrials", () => {
    const grid = SweepSchema.parse({ params: { maxDepth: [3, 6], learningRate: [0.1, 0.3, 0.5] }, maxTrials: 5 });
    const combos = sweepCombinations(grid);
    expect(combos).toHaveLength(5);
    expect(combos[0]).toEqual({ maxDepth: 3, learningRate: 0.1 });
    expect(combos[3]).toEqual({ maxDepth: 6, learningRate: 0.1 });
  });

  it("random search draws within ranges, log-uniform and integer when asked, the same for a seed", () => {
    const random = SweepSchema.parse({
      method: "random",
      params: { learningRate: { min: 0.01, max: 0.3, log: true }, maxDepth: { min: 2, max: 8, integer: true } },
      maxTrials: 50,
      seed: 7,
    });
    const a = sweepCombinations(random);
    expect(a).toHaveLength(50);
    for (const c of a) {
      expect(c.learningRate as number).toBeGreaterThanOrEqual(0.01);
      expect(c.learningRate as number).toBeLessThanOrEqual(0.3);
      expect(Number.isInteger(c.maxDepth)).toBe(true);
    }
    expect(sweepCombinations(random)).toEqual(a);
  });

  it("is checked with the spec: every trial's parameters must be valid for the algorithm", () => {
    const bad = parseTrainingSpec({ ...base, train: { algorithm: "gbdt", sweep: { params: { maxDepth: [0, 6], nope: [1] } } } });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.problems.map((p) => p.path).sort()).toEqual(["train.sweep.params.maxDepth", "train.sweep.params.nope"]);
    const range = parseTrainingSpec({ ...base, train: { algorithm: "gbdt", sweep: { params: { l2: { min: 0, max: 1 } } } } });
    expect(range.success).toBe(false);
    if (!range.success)
      expect(range.problems[0]).toMatchObject({ path: "train.sweep.params.l2", message: expect.stringMatching(/grid needs a list/) });
    expect(parseTrainingSpec({ ...base, train: { algorithm: "gbdt", sweep: { params: { maxDepth: [3, 6] } } } }).success).toBe(true);
  });
});
