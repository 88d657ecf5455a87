import { describe, expect, it } from "vitest";
import { rng } from "../dataset.ts";
import type { GbdtModel } from "../gbdt/model.ts";
import { trainModel } from "../train-model.ts";
import { addTreeValues } from "./binned-scoring.ts";
import { binRows, fitBinning } from "./binning.ts";
import { leafOf } from "./tree.ts";

// Rows a tree was not grown on (outside a round's sample, or the validation set) get its values by
// walking their bins down it. The walk must land where the model's own walk over the raw values
// lands, for numeric splits, category sets and missing values alike.
describe("adding a tree's values to binned rows", () => {
  const n = 6_000;
  const r = rng(7);
  const categories = Array.from({ length: 40 }, (_, c) => `shop${c}`);
  const shop = Float32Array.from({ length: n }, () => (r() < 0.05 ? Number.NaN : Math.floor(r() * 40)));
  const amount = Float32Array.from({ length: n }, () => (r() < 0.1 ? Number.NaN : r() * 100));
  const hour = Float32Array.from({ length: n }, () => Math.floor(r() * 24));
  const label = Float64Array.from(shop, (c, i) => {
    const bump = Number.isNaN(c) ? 0.4 : c % 3 === 0 ? 0.3 : -0.2;
    return Number(r() < 0.5 + bump * 0.8 + ((amount[i] as number) > 60 ? 0.1 : 0) - (hour[i] as number) / 200);
  });
  const data = {
    rows: n,
    features: [
      { name: "shop", kind: "categorical" as const, categories },
      { name: "amount", kind: "numeric" as const },
      { name: "hour", kind: "numeric" as const },
    ],
    columns: [shop, amount, hour],
    label,
  };
  const model = trainModel("gbdt", "binary", data, { numTrees: 20, maxDepth: 5, subsample: 0.7, seed: 3 }) as GbdtModel;
  const binned = binRows(data, fitBinning(data, 255));
  const raw = (i: number) => data.columns.map((c) => c[i] as number);

  it("lands every row in the leaf its raw values reach, for every tree", () => {
    const kinds = new Set(
      model.trees.flatMap((t) => Array.from(t.left, (l, node) => (l === -1 ? "leaf" : t.categories[node] ? "set" : "numeric"))),
    );
    expect(kinds).toEqual(new Set(["leaf", "set", "numeric"]));
    for (const tree of model.trees) {
      const scores = new Float64Array(2 * n).fill(1);
      addTreeValues(tree, binned, scores, 2, 1);
      const expected = new Float64Array(2 * n).fill(1);
      for (let i = 0; i < n; i++) expected[2 * i + 1] = 1 + (tree.value[leafOf(tree, raw(i))] as number);
      expect(scores).toEqual(expected);
    }
  });

  it("adds to the listed rows only", () => {
    const tree = model.trees[5];
    if (!tree) throw new Error("the model has fewer trees than expected");
    const list = Uint32Array.from({ length: n / 3 }, (_, j) => 3 * j + 1);
    const scores = new Float64Array(n);
    addTreeValues(tree, binned, scores, 1, 0, list, list.length - 10);
    const expected = Float64Array.from({ length: n }, (_, i) =>
      i % 3 === 1 && i < 3 * (list.length - 10) ? (tree.value[leafOf(tree, raw(i))] as number) : 0,
    );
    expect(scores).toEqual(expected);
  });
});
