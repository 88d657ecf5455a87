import { describe, expect, it } from "vitest";
import { rng } from "../dataset.ts";
import { predictAll } from "../model/model.ts";
import { trainModel } from "../train-model.ts";
import { fitBinning } from "./binning.ts";

// A categorical feature with more categories than a tree has bins (254): codes from 253 on share
// the last bin. The model lists the codes a split sends left, so that bin must always go right, or
// the rows in it go one way while training and the other when the model predicts.
describe("more categories than bins", () => {
  const n = 8_000;
  const r = rng(41);
  const categories = Array.from({ length: 400 }, (_, c) => `shop${c}`);
  const shop = Float32Array.from({ length: n }, () => Math.floor(r() * 400));
  const noise = Float32Array.from({ length: n }, () => r());
  // The shared codes (253 and up) carry the largest effect, so a split would like to send them left.
  const label = Float64Array.from(shop, (c, i) => (c >= 253 ? 5 : c % 2 === 0 ? 1 : 0) + (noise[i] as number));
  const data = {
    rows: n,
    features: [
      { name: "shop", kind: "categorical" as const, categories },
      { name: "noise", kind: "numeric" as const },
    ],
    columns: [shop, noise],
    label,
  };

  it("keeps the shared bin out of the split search", () => {
    const binning = fitBinning(data, 255);
    expect(binning.numBins[0]).toBe(255);
    expect(binning.splitBins[0]).toBe(254);
    expect(binning.splitBins[1]).toBe(binning.numBins[1]);
  });

  it("predicts the training rows as training scored them, and no split sends a shared code left", () => {
    let lastLoss = Number.NaN;
    const model = trainModel(
      "gbdt",
      "regression",
      data,
      { numTrees: 30, maxDepth: 4 },
      {
        trainLossEvery: 1,
        onIteration: (it) => {
          if (it.trainLoss !== undefined) lastLoss = it.trainLoss;
        },
      },
    );
    const predicted = predictAll(model, data.columns, n);
    let squares = 0;
    for (let i = 0; i < n; i++) squares += ((predicted[i] as number) - (label[i] as number)) ** 2;
    expect(Math.sqrt(squares / n)).toBeCloseTo(lastLoss, 9);
    const trees = (model as unknown as { trees: { categories: (number[] | null)[] }[] }).trees;
    const left = trees.flatMap((t) => t.categories.flatMap((set) => set ?? []));
    expect(left.length).toBeGreaterThan(0);
    expect(Math.max(...left)).toBeLessThan(253);
  });
});
