import { describe, expect, it } from "vitest";
import { confusionAtThreshold, rates } from "./confusion";

// 4 positives scored 0.9, 0.8, 0.4, 0.3 and 4 negatives 0.7, 0.35, 0.2, 0.1 (ROC as the worker stores it).
const evaluation = {
  confusion: { tp: 2, fn: 2, fp: 1, tn: 3 },
  curves: {
    roc: [
      { x: 0, y: 0, threshold: null },
      { x: 0, y: 0.25, threshold: 0.9 },
      { x: 0, y: 0.5, threshold: 0.8 },
      { x: 0.25, y: 0.5, threshold: 0.7 },
      { x: 0.25, y: 0.75, threshold: 0.4 },
      { x: 0.5, y: 0.75, threshold: 0.35 },
      { x: 0.5, y: 1, threshold: 0.3 },
      { x: 0.75, y: 1, threshold: 0.2 },
      { x: 1, y: 1, threshold: 0.1 },
    ],
    pr: [],
    calibration: [],
  },
};

describe("confusionAtThreshold", () => {
  it("counts what a scan of the scores would", () => {
    expect(confusionAtThreshold(evaluation, 0.5)).toEqual({ tp: 2, fp: 1, fn: 2, tn: 3 });
    expect(confusionAtThreshold(evaluation, 0.3)).toEqual({ tp: 4, fp: 2, fn: 0, tn: 2 });
    expect(confusionAtThreshold(evaluation, 0.95)).toEqual({ tp: 0, fp: 0, fn: 4, tn: 4 });
    expect(confusionAtThreshold(evaluation, 0.05)).toEqual({ tp: 4, fp: 4, fn: 0, tn: 0 });
  });

  it("takes the run's exact counts at a hundredth over its ROC curve's nearest point", () => {
    const atThresholds = Array.from({ length: 101 }, (_, k) => ({ threshold: k / 100, tp: k <= 50 ? 3 : 1, fp: k <= 50 ? 1 : 0 }));
    expect(confusionAtThreshold({ ...evaluation, atThresholds }, 0.5)).toEqual({ tp: 3, fp: 1, fn: 1, tn: 3 });
    expect(confusionAtThreshold({ ...evaluation, atThresholds }, 0.51)).toEqual({ tp: 1, fp: 0, fn: 3, tn: 4 });
  });

  it("gives precision, recall and F1 at the cut", () => {
    const r = rates({ tp: 4, fp: 2, fn: 0, tn: 2 });
    expect(r.precision).toBeCloseTo(2 / 3);
    expect(r.recall).toBe(1);
    expect(r.f1).toBeCloseTo(0.8);
  });

  it("has nothing to say without a binary evaluation", () => {
    expect(
      confusionAtThreshold(
        {
          confusion: [
            [1, 0],
            [0, 1],
          ],
        },
        0.5,
      ),
    ).toBeNull();
  });
});
