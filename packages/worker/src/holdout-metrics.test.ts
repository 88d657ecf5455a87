import { describe, expect, it } from "vitest";
import { holdoutMetrics } from "./holdout-metrics.ts";

describe("holdoutMetrics", () => {
  it("keeps every metric of a holdout that defines them all, with nothing to say", () => {
    const metrics = { auc: 0.8, accuracy: 0.7 };
    expect(holdoutMetrics(metrics, Float64Array.from([0, 1, 1]), ["no", "yes"], "random")).toEqual({ metrics, note: null });
  });

  it("leaves out what a holdout of one class leaves undefined, and says which class and how to fix it", () => {
    const r = holdoutMetrics({ auc: Number.NaN, prAuc: Number.NaN, accuracy: 1 }, Float64Array.from([0, 0, 0]), ["no", "yes"], "random");
    expect(r.metrics).toEqual({ accuracy: 1 });
    expect(r.note).toBe(
      'ROC AUC and PR AUC are not defined on this holdout: its 3 row(s) all have the label "no". A larger holdout, or "stratify": true in data.holdout, measures them; the run has the other metrics.',
    );
  });

  it("names the classes a multiclass holdout has, and a regression's constant label", () => {
    const multi = holdoutMetrics({ aucMacro: Number.NaN, accuracy: 0.5 }, Float64Array.from([0, 2, 2]), ["a", "b", "c"], "dateRange");
    expect(multi.note).toBe(
      'ROC AUC (macro) is not defined on this holdout: its 3 row(s) have only the label(s) "a", "c" of 3. A holdout range with more rows measures them; the run has the other metrics.',
    );
    const regression = holdoutMetrics({ rmse: 0, r2: Number.NaN }, Float64Array.from([5, 5]), null, "random");
    expect(regression.metrics).toEqual({ rmse: 0 });
    expect(regression.note).toMatch(/^R² is not defined on this holdout: its 2 row\(s\) all have the label "5"\./);
  });
});
