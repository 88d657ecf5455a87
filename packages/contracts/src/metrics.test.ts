import { describe, expect, it } from "vitest";
import { headlineMetric, improvement, inReadingOrder, lowerIsBetter, metricLabel, metricsOfTask } from "./metrics.ts";

describe("the metric catalogue", () => {
  it("calls a higher AUC and a lower RMSE, log loss or MAPE an improvement", () => {
    expect(improvement("auc", 0.8, 0.81)).toBe(1);
    expect(improvement("auc", 0.81, 0.8)).toBe(-1);
    expect(improvement("rmse", 3, 2.5)).toBe(1);
    expect(improvement("logloss", 0.3, 0.4)).toBe(-1);
    expect(improvement("mape", 0.2, 0.1)).toBe(1);
    expect(improvement("accuracy", 0.9, 0.9)).toBe(0);
    expect(lowerIsBetter("mape")).toBe(true);
  });
  it("names a headline per task, lists a task's metrics headline first, and labels them", () => {
    expect(headlineMetric("regression")).toBe("rmse");
    expect(headlineMetric("multiclass")).toBe("accuracy");
    expect(headlineMetric(null)).toBe("auc");
    expect(metricsOfTask("regression")).toEqual(["rmse", "mae", "r2", "mape"]);
    expect(metricsOfTask("multiclass")[0]).toBe("accuracy");
    expect(metricLabel("prAuc")).toBe("PR AUC");
    expect(metricLabel("custom")).toBe("custom");
  });
  it("lists metrics in reading order, unknown ones last", () => {
    expect(inReadingOrder(["f1", "zeta", "auc", "logloss"])).toEqual(["auc", "logloss", "f1", "zeta"]);
  });
});
