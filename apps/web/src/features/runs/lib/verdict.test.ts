import type { RunDetail } from "@roundhouse/contracts";
import { describe, expect, it } from "vitest";
import { primaryMetric, runLabel, verdictOn } from "./verdict";

const run = (id: string, metrics: Record<string, number> | null, modelVersion: RunDetail["modelVersion"] = null) =>
  ({ id, jobName: "churn", task: "binary", metrics, modelVersion }) as RunDetail;

describe("compare verdict", () => {
  it("names the best run on the metric and its margin over the next best, by the metric's direction", () => {
    const runs = [run("a", { auc: 0.71, logloss: 0.5 }), run("b", { auc: 0.74, logloss: 0.55 }), run("c", { auc: 0.69, logloss: 0.45 })];
    expect(verdictOn(runs, "auc")).toMatchObject({ winner: 1, runnerUp: 0, tied: [], missing: [] });
    expect(verdictOn(runs, "auc")?.margin).toBeCloseTo(0.03, 12);
    expect(verdictOn(runs, "auc")?.relative).toBeCloseTo(0.03 / 0.71, 12);
    // Log loss: lower wins, and the margin is still positive.
    expect(verdictOn(runs, "logloss")).toMatchObject({ winner: 2, runnerUp: 0 });
    expect(verdictOn(runs, "logloss")?.margin).toBeCloseTo(0.05, 12);
  });

  it("reports ties and runs without the metric instead of inventing a margin", () => {
    const v = verdictOn([run("a", { auc: 0.7 }), run("b", { auc: 0.7 }), run("c", null)], "auc");
    expect(v).toMatchObject({ winner: 0, runnerUp: null, margin: null, tied: [1], missing: [2] });
    expect(verdictOn([run("a", null)], "auc")).toBeNull();
  });

  it("opens on the metric asked for, else the task's headline, and labels runs by model version", () => {
    const runs = [run("a", { auc: 0.7, f1: 0.5 })];
    expect(primaryMetric(runs, "f1", ["auc", "f1"])).toBe("f1");
    expect(primaryMetric(runs, "rmse", ["f1", "auc"])).toBe("auc");
    expect(runLabel(run("0123abcd", null, { name: "churn", version: 3 }))).toBe("churn v3");
    expect(runLabel(run("0123abcd", null))).toBe("churn · 0123");
  });
});
