import { describe, expect, it } from "vitest";
import { createPredictor } from "../model/model.ts";
import { synthetic } from "../test-data.ts";
import { trainModel } from "../train-model.ts";
import { explainRow } from "./explain.ts";
import { createExplainer } from "./path-contributions.ts";

const data = synthetic(4000, "binary", 5);
const logit = (p: number) => Math.log(p / (1 - p));

describe("path contributions", () => {
  it("add up with the bias to the raw score of a boosted model", () => {
    const model = trainModel("gbdt", "binary", data, { numTrees: 40, maxDepth: 5 });
    const explain = createExplainer(model);
    const predict = createPredictor(model);
    for (const x of [
      [0.7, -1.2, 1, 0.3],
      [Number.NaN, 0.4, 2, 0.9],
    ]) {
      const e = explain(x);
      const sum = e.contributions.reduce((s, c) => s + c, e.bias[0] as number);
      expect(sum).toBeCloseTo(logit(predict(x)[0] as number), 6);
    }
  });

  it("equal exact TreeSHAP on one-split trees and rank the driving features first", () => {
    const stumps = trainModel("gbdt", "binary", data, { numTrees: 30, maxDepth: 1 });
    const x = [1.5, -1.8, 1, 0.5];
    const fast = Array.from(createExplainer(stumps)(x).contributions);
    const exact = explainRow(stumps, x).contributions[0] as number[];
    for (const [f, c] of fast.entries()) expect(c).toBeCloseTo(exact[f] as number, 9);
    // x0 = 1.5 and x1 = -1.8 both push the score up strongly; noise contributes least.
    const deep = Array.from(createExplainer(trainModel("gbdt", "binary", data, { numTrees: 40, maxDepth: 5 }))(x).contributions);
    expect(Math.abs(deep[3] as number)).toBeLessThan(Math.abs(deep[0] as number));
    expect(Math.abs(deep[3] as number)).toBeLessThan(Math.abs(deep[1] as number));
  });

  it("give a forest's multiclass outputs one block per class", () => {
    const multi = synthetic(3000, "multiclass", 6);
    const forest = trainModel("random_forest", "multiclass", multi, { numTrees: 12 }, { numClasses: 3 });
    const e = createExplainer(forest)([0.1, 0.2, 0, 0.5]);
    expect(e.bias).toHaveLength(3);
    expect(e.contributions).toHaveLength(3 * 4);
    const sums = [0, 1, 2].map((k) => (e.bias[k] as number) + e.contributions.slice(k * 4, k * 4 + 4).reduce((s, c) => s + c, 0));
    expect(sums.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6); // averaged class shares sum to 1
  });
});
