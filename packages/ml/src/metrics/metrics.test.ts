import { describe, expect, it } from "vitest";
import { rng } from "../dataset.ts";
import { averagePrecision, confusionAt, countsAtHundredths, logLoss, prCurve, rocAuc, rocCurve, thresholdMetrics } from "./binary.ts";
import { multiclassMetrics } from "./multiclass.ts";
import { regressionMetrics } from "./regression.ts";

// Reference values: scikit-learn 1.2.1 (Debian python3-sklearn) on these exact inputs.
const y = [0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0];
const p = [0.1, 0.4, 0.35, 0.8, 0.2, 0.9, 0.65, 0.55, 0.7, 0.3, 0.3, 0.05];

describe("binary metrics match scikit-learn", () => {
  it("ROC AUC, average precision and log loss (ties included)", () => {
    expect(rocAuc(y, p)).toBeCloseTo(0.8472222222222222, 12);
    expect(averagePrecision(y, p)).toBeCloseTo(0.8634920634920633, 12);
    expect(logLoss(y, p)).toBeCloseTo(0.4861609161711658, 12);
  });

  it("ROC AUC is the share of (positive, negative) pairs ranked right, a tie counting half", () => {
    // Scores on a coarse grid so that many tie, across and within the classes.
    const next = rng(7);
    const labels = Array.from({ length: 400 }, () => (next() < 0.3 ? 1 : 0));
    const scores = labels.map((l) => Math.round((next() + l * 0.3) * 20) / 20);
    let pairs = 0;
    let right = 0;
    for (let i = 0; i < labels.length; i++)
      for (let j = 0; j < labels.length; j++)
        if (labels[i] === 1 && labels[j] === 0) {
          pairs++;
          right += (scores[i] as number) > (scores[j] as number) ? 1 : scores[i] === scores[j] ? 0.5 : 0;
        }
    expect(rocAuc(labels, scores)).toBeCloseTo(right / pairs, 12);
    expect(right / pairs).toBeGreaterThan(0.6);
  });

  it("accuracy, precision, recall and F1 at 0.5", () => {
    const m = thresholdMetrics(confusionAt(y, p, 0.5));
    expect(m.accuracy).toBeCloseTo(0.75, 12);
    expect(m.precision).toBeCloseTo(0.8, 12);
    expect(m.recall).toBeCloseTo(0.6666666666666666, 12);
    expect(m.f1).toBeCloseTo(0.7272727272727272, 12);
  });

  it("counts the confusion at each hundredth exactly, as a scan of the scores at that cut would", () => {
    // More distinct scores than the ROC curve keeps (300), some exactly on a hundredth (0.07, 0.5, 1).
    const next = rng(11);
    const labels = Array.from({ length: 3000 }, () => (next() < 0.2 ? 1 : 0));
    const scores = labels.map((l, i) => (i % 50 === 0 ? Math.round(next() * 100) / 100 : Math.min(1, next() * 0.8 + l * 0.2)));
    const counts = countsAtHundredths(labels, scores);
    expect(counts).toHaveLength(101);
    for (const [k, c] of counts.entries()) {
      const threshold = Number((k / 100).toFixed(2));
      const scan = confusionAt(labels, scores, threshold);
      expect({ threshold: c.threshold, tp: c.tp, fp: c.fp }).toEqual({ threshold, tp: scan.tp, fp: scan.fp });
    }
  });

  it("curves run from (0,0) to (1,1) and are thinned to the requested size", () => {
    const roc = rocCurve(y, p);
    expect(roc[0]).toMatchObject({ x: 0, y: 0 });
    expect(roc[roc.length - 1]).toMatchObject({ x: 1, y: 1 });
    const big = Array.from({ length: 5000 }, (_, i) => i % 2);
    const scores = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 5000);
    expect(rocCurve(big, scores, 300)).toHaveLength(300);
    expect(prCurve(big, scores, 200)).toHaveLength(200);
  });
});

describe("regression and multiclass metrics match scikit-learn", () => {
  it("RMSE, MAE, R² and MAPE", () => {
    const m = regressionMetrics([3.0, -0.5, 2.0, 7.0, 4.2], [2.5, 0.0, 2.1, 7.8, 3.9]);
    expect(m.rmse).toBeCloseTo(0.49799598391954925, 12);
    expect(m.mae).toBeCloseTo(0.44000000000000006, 12);
    expect(m.r2).toBeCloseTo(0.9594665271966527, 12);
    expect(m.mape).toBeCloseTo(0.2804761904761905, 12);
  });

  it("log loss, one-vs-rest macro AUC, macro and micro F1", () => {
    const ym = [0, 1, 2, 2, 1, 0, 1, 2];
    const P = Float64Array.from([
      0.7, 0.2, 0.1, 0.1, 0.6, 0.3, 0.2, 0.2, 0.6, 0.1, 0.5, 0.4, 0.3, 0.4, 0.3, 0.5, 0.3, 0.2, 0.2, 0.3, 0.5, 0.1, 0.1, 0.8,
    ]);
    const m = multiclassMetrics(ym, P, 3);
    expect(m.logloss).toBeCloseTo(0.6663963989273893, 12);
    expect(m.aucMacro).toBeCloseTo(0.9222222222222222, 12);
    expect(m.accuracy).toBeCloseTo(0.75, 12);
    expect(m.f1Macro).toBeCloseTo(0.7777777777777777, 12);
    expect(m.f1Micro).toBeCloseTo(0.75, 12);
    expect(m.precisionMacro).toBeCloseTo(0.7777777777777777, 12);
    expect(m.recallMacro).toBeCloseTo(0.7777777777777777, 12);
    expect(m.confusion).toEqual([
      [2, 0, 0],
      [0, 2, 1],
      [0, 1, 2],
    ]);
  });
});
