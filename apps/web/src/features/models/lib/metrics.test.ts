import { describe, expect, it } from "vitest";
import { deltaSign, formatDelta, headlineMetric, inReadingOrder } from "./metrics";

describe("registry metrics", () => {
  it("calls a higher AUC and a lower RMSE an improvement", () => {
    expect(deltaSign("auc", 0.01)).toBe(1);
    expect(deltaSign("auc", -0.01)).toBe(-1);
    expect(deltaSign("rmse", -0.5)).toBe(1);
    expect(deltaSign("logloss", 0.1)).toBe(-1);
    expect(deltaSign("accuracy", 0)).toBe(0);
  });
  it("picks a headline metric per task and signs deltas", () => {
    expect(headlineMetric("regression")).toBe("rmse");
    expect(headlineMetric("multiclass")).toBe("accuracy");
    expect(formatDelta(0.01234)).toBe("+0.0123");
    expect(formatDelta(-0.5)).toBe("−0.5000");
  });
  it("lists metrics headline first, unknown ones last", () => {
    expect(inReadingOrder(["f1", "zeta", "auc", "logloss"])).toEqual(["auc", "logloss", "f1", "zeta"]);
  });
});
