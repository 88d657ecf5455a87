// The complete-tree scorer (ranks and bit sets, several rows at a time) against the pointer walk it stands in
// for: the same scores to the bit, for every task, on missing values and odd category codes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Model } from "../model/model.ts";
import { createPredictor, predictAll } from "../model/model.ts";
import { synthetic } from "../test-data.ts";
import { trainModel } from "../train-model.ts";
import { completeTrees } from "./complete-trees.ts";
import { addTreeScores, compileTrees } from "./forest-layout.ts";
import { type Tree, TreeBuilder } from "./tree.ts";
import { wasmScorer } from "./wasm-scorer.ts";

/** Raw tree sums by the pointer walk, one row at a time. */
function pointerSums(trees: Tree[], K: number, columns: ArrayLike<number>[], rows: number): Float64Array {
  const c = compileTrees(trees, K);
  const out = new Float64Array(rows * K);
  const x = new Float64Array(columns.length);
  for (let i = 0; i < rows; i++) {
    for (let f = 0; f < columns.length; f++) x[f] = columns[f]?.[i] as number;
    addTreeScores(c, x, out.subarray(i * K, i * K + K));
  }
  return out;
}

/** One split on `feature` at `threshold`: −value left, value right, missing values left when defaultLeft is 1. */
function stump(feature: number, threshold: number, value: number, defaultLeft: number): Tree {
  return {
    feature: Int32Array.from([feature, -1, -1]),
    threshold: Float64Array.from([threshold, 0, 0]),
    splitBin: new Int32Array(3),
    categories: [null, null, null],
    defaultLeft: Uint8Array.from([defaultLeft, 0, 0]),
    left: Int32Array.from([1, -1, -1]),
    right: Int32Array.from([2, -1, -1]),
    value: Float64Array.from([0, -value, value]),
    cover: new Float64Array(3),
    gain: new Float64Array(3),
  };
}

/** Test rows with what real inputs bring: missing values, unseen and out-of-range category codes. */
function oddRows(n: number) {
  const data = synthetic(n, "binary", 9);
  const odd = [Number.NaN, -1, -0.5, 2.5, 3, 255, 256, 300, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  const columns = data.columns.map((c) => Float64Array.from(c));
  for (let i = 0; i < n; i += 7) (columns[2] as Float64Array)[i] = odd[(i / 7) % odd.length] as number;
  for (let i = 3; i < n; i += 11) (columns[1] as Float64Array)[i] = odd[(i / 11) % 2 ? 0 : 8] as number;
  return columns;
}

const rows = 1_003; // not a multiple of 4 or 8: the last rows take the one-row walk
afterEach(() => {
  delete process.env.ROUNDHOUSE_SCORING_KERNEL;
});

describe.each(["wasm", "js"])("complete-tree scoring, %s kernel", (kernel) => {
  beforeEach(() => {
    process.env.ROUNDHOUSE_SCORING_KERNEL = kernel;
  });
  it("runs the kernel it names", () => {
    const model = trainModel("gbdt", "binary", synthetic(500, "binary"), { numTrees: 3 });
    const c = model.algorithm === "gbdt" ? completeTrees(model.trees, 1) : null;
    expect(c && wasmScorer(c, 1, 8) !== null).toBe(kernel === "wasm");
  });

  for (const task of ["binary", "multiclass", "regression"] as const) {
    it(`scores ${task} boosting bit-identically to the pointer walk, in blocks and row by row`, () => {
      const model = trainModel("gbdt", task, synthetic(3_000, task, 4), { numTrees: 30, maxDepth: 4 }, { numClasses: 3 }) as Extract<
        Model,
        { algorithm: "gbdt" }
      >;
      const K = model.outputs;
      const columns = oddRows(rows);
      expect(completeTrees(model.trees, K)).not.toBeNull();
      const sums = pointerSums(model.trees, K, columns, rows);
      const predictor = createPredictor(model);
      // Through the public paths: predictAll (blocks) and createPredictor (one row) must agree exactly.
      const all = predictAll(model, columns, rows);
      const x = new Float64Array(columns.length);
      for (let i = 0; i < rows; i++) {
        for (let f = 0; f < columns.length; f++) x[f] = columns[f]?.[i] as number;
        expect(Array.from(predictor(x))).toEqual(Array.from(all.subarray(i * K, i * K + K)));
      }
      // And the raw sums under them equal the pointer walk's: a forest of depth ≤ 8 uses the same path.
      const forest = { ...model, algorithm: "random_forest" as const, trees: model.trees };
      const averaged = predictAll(forest as unknown as Model, columns, rows);
      const perOutput = model.trees.length / K;
      let differ = 0;
      for (let i = 0; i < rows * K; i++) if ((sums[i] as number) / perOutput !== averaged[i] && task !== "multiclass") differ++;
      expect(differ).toBe(0);
    });
  }

  it("keeps the pointer walk for trees deeper than 8, with the same predictions row by row", () => {
    const model = trainModel("random_forest", "binary", synthetic(4_000, "binary", 2), { numTrees: 5, maxDepth: 14 });
    if (model.algorithm !== "random_forest") throw new Error("expected a forest");
    expect(completeTrees(model.trees, 1)).toBeNull();
    const columns = oddRows(rows);
    const all = predictAll(model, columns, rows);
    const sums = pointerSums(model.trees, 1, columns, rows);
    for (let i = 0; i < rows; i++) expect(all[i]).toBe((sums[i] as number) / 5);
  });

  it("keeps the pointer walk for a feature split at more than 255 thresholds, and scores the same", () => {
    // 256 stumps on x0 at 256 distinct thresholds (an imported model could have them): ranks would
    // not fit a set's 256 bits. 255 of them still fit, and score the same through the sets.
    const columns = [Float64Array.from({ length: 300 }, (_, i) => (i % 10 === 0 ? Number.NaN : i - 20))];
    for (const count of [255, 256]) {
      const trees = Array.from({ length: count }, (_, i) => stump(0, i, i / 1000, i % 2));
      expect(completeTrees(trees, 1) === null).toBe(count > 255);
      const model = { algorithm: "gbdt", task: "regression", outputs: 1, baseScore: [0], trees } as unknown as Model;
      expect(Array.from(predictAll(model, columns, 300))).toEqual(Array.from(pointerSums(trees, 1, columns, 300)));
    }
  });

  it("ranks values at, just above and just below each threshold as the float compare does, from float32 and float64 columns", () => {
    // 100 stumps on x0 (thresholds padded to 127 for the branchless search) and 3 on x1 (padded to 3).
    const thresholds = Array.from({ length: 100 }, (_, i) => i * 0.1 - 3);
    const trees = [...thresholds.map((t, i) => stump(0, t, 2 ** -i, i % 2)), ...[-1, 0, 1].map((t, i) => stump(1, t, 3 + i, i % 2))];
    const model = { algorithm: "gbdt", task: "regression", outputs: 1, baseScore: [0], trees } as unknown as Model;
    const near = (t: number) => [t, t + Math.abs(t) * 2 ** -52 + 2 ** -1074, t - Math.abs(t) * 2 ** -52 - 2 ** -1074];
    const values = [...thresholds.flatMap(near), -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e300, -1e300];
    const n = values.length;
    const other = Float64Array.from({ length: n }, (_, i) => [-1, 0, 1, Number.NaN, -2, 2][i % 6] as number);
    for (const columns of [
      [Float64Array.from(values), other],
      [Float32Array.from(values), Float32Array.from(other)],
    ]) {
      const sums = pointerSums(trees, 1, columns, n);
      expect(Array.from(predictAll(model, columns, n))).toEqual(Array.from(sums));
      const predictor = createPredictor(model);
      for (let i = 0; i < n; i++) expect(predictor([columns[0]?.[i] as number, columns[1]?.[i] as number])[0]).toBe(sums[i]);
    }
  });

  it("handles a lone leaf, missing values sent either way and a category set", () => {
    const lone = new TreeBuilder();
    lone.addLeaf(0.25, 1);
    // x0 <= 0.5 (missing right) ? (color in {1, 3} (missing left) ? 1 : 2) : 4
    const split: Tree = {
      feature: Int32Array.from([0, 2, -1, -1, -1]),
      threshold: Float64Array.from([0.5, 0, 0, 0, 0]),
      splitBin: new Int32Array(5),
      categories: [null, [1, 3], null, null, null],
      defaultLeft: Uint8Array.from([0, 1, 0, 0, 0]),
      left: Int32Array.from([1, 2, -1, -1, -1]),
      right: Int32Array.from([4, 3, -1, -1, -1]),
      value: Float64Array.from([0, 0, 1, 2, 4]),
      cover: new Float64Array(5),
      gain: new Float64Array(5),
    };
    const trees = [lone.finish(), split];
    const c2 = completeTrees(trees, 1);
    expect(c2?.depth).toBe(2);
    const columns = [
      Float64Array.from([0, 0, 0, 0.5, 0.6, Number.NaN, 0]),
      new Float64Array(7),
      Float64Array.from([1, 3, 2, Number.NaN, 1, 1, 300]),
    ];
    const model = { algorithm: "gbdt", task: "regression", outputs: 1, baseScore: [0], trees } as unknown as Model;
    expect(Array.from(predictAll(model, columns, 7))).toEqual([1.25, 1.25, 2.25, 1.25, 4.25, 4.25, 2.25]);
    expect(Array.from(predictAll(model, columns, 7))).toEqual(Array.from(pointerSums(trees, 1, columns, 7)));
  });
});
