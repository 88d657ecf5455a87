import { describe, expect, it } from "vitest";
import { filterRuns, type RunSummary } from "./run-list";

const run = (id: string, jobName: string, metrics: Record<string, number>, tags: string[] = [], algorithm = "gbdt"): RunSummary => ({
  id,
  jobId: id,
  jobName,
  tags,
  modelVersion: null,
  algorithm,
  task: "rmse" in metrics ? "regression" : "binary",
  metrics,
  createdAt: `2026-11-30T10:0${id}:00Z`,
});

const runs = [
  run("1", "churn", { auc: 0.7 }, ["growth"]),
  run("2", "churn", { auc: 0.8 }, ["risk"], "random_forest"),
  run("3", "price", { rmse: 3 }),
];

describe("runs list", () => {
  it("keeps what the search, algorithm and tag keep", () => {
    expect(filterRuns(runs, { q: "CHURN" }).map((r) => r.id)).toEqual(["2", "1"]);
    expect(filterRuns(runs, { tag: "growth" }).map((r) => r.id)).toEqual(["1"]);
    expect(filterRuns(runs, { q: "risk" }).map((r) => r.id)).toEqual(["2"]);
    expect(filterRuns(runs, { algorithm: "random_forest" }).map((r) => r.id)).toEqual(["2"]);
  });

  it("sorts by the headline metric best first, lower-is-better metrics turned around", () => {
    expect(filterRuns(runs, { q: "churn", sort: "-metric" }).map((r) => r.id)).toEqual(["2", "1"]);
    expect(filterRuns(runs, { sort: "finished" }).map((r) => r.id)).toEqual(["1", "2", "3"]);
  });
});
