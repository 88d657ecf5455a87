import type { ModelSummary } from "@roundhouse/contracts";
import { describe, expect, it } from "vitest";
import { filterModels } from "./model-list";

const model = (over: Partial<ModelSummary>): ModelSummary => ({
  name: "m",
  description: "",
  owner: "engineer@roundhouse.local",
  tags: [],
  versions: 1,
  pendingRequests: 0,
  latestVersion: 1,
  latestMetrics: null,
  task: "binary",
  aliases: {},
  updatedAt: "2026-11-01T00:00:00.000Z",
  ...over,
});

const models = [
  model({
    name: "churn",
    tags: ["retention"],
    latestMetrics: { auc: 0.81 },
    aliases: { production: 2 },
    updatedAt: "2026-11-03T00:00:00.000Z",
  }),
  model({ name: "fraud", latestMetrics: { auc: 0.93 }, updatedAt: "2026-11-01T00:00:00.000Z" }),
  model({ name: "price", task: "regression", latestMetrics: { rmse: 3 }, updatedAt: "2026-11-02T00:00:00.000Z" }),
  model({ name: "draft", latestMetrics: null, latestVersion: null, versions: 0, updatedAt: "2026-10-01T00:00:00.000Z" }),
];

describe("filterModels", () => {
  it("lists the most recently updated first by default", () => {
    expect(filterModels(models, {}).map((m) => m.name)).toEqual(["churn", "price", "fraud", "draft"]);
  });

  it("searches names, descriptions, owners and tags, and filters by task, tag and alias", () => {
    expect(filterModels(models, { q: "RETENT" }).map((m) => m.name)).toEqual(["churn"]);
    expect(filterModels(models, { task: "regression" }).map((m) => m.name)).toEqual(["price"]);
    expect(filterModels(models, { tag: "retention" }).map((m) => m.name)).toEqual(["churn"]);
    expect(filterModels(models, { alias: "production" }).map((m) => m.name)).toEqual(["churn"]);
    expect(filterModels(models, { alias: "none" }).map((m) => m.name)).toEqual(["price", "fraud", "draft"]);
  });

  it("sorts by the headline metric best first, turning lower-is-better metrics round, missing last", () => {
    // AUC 0.93 > AUC 0.81 > RMSE 3 (scored −3) > no metric.
    expect(filterModels(models, { sort: "-metric" }).map((m) => m.name)).toEqual(["fraud", "churn", "price", "draft"]);
    expect(filterModels(models, { sort: "name" }).map((m) => m.name)).toEqual(["churn", "draft", "fraud", "price"]);
    expect(filterModels(models, { sort: "-versions" })[3]?.name).toBe("draft");
  });
});
