// One type for every fitted model, and one way to predict with it.
import type { Task } from "../dataset.ts";
import type { ForestModel } from "../forest/train.ts";
import type { GbdtModel } from "../gbdt/model.ts";
import { sigmoid } from "../gbdt/objectives.ts";
import type { LinearModel } from "../linear/linear.ts";
import type { LogisticModel } from "../linear/logistic.ts";
import { addLinearScores, linearRowScorer } from "../linear/scores.ts";
import { addRankedScores, completeTrees, rankColumns, rankRow, scoreRanks } from "../tree/complete-trees.ts";
import { addTreeScores, compileTrees } from "../tree/forest-layout.ts";
import type { Tree } from "../tree/tree.ts";
import { wasmScorer } from "../tree/wasm-scorer.ts";

export type Model = GbdtModel | ForestModel | LogisticModel | LinearModel;
export type Algorithm = Model["algorithm"];

export interface LabelInfo {
  name: string;
  /** Class names by index, for classification. */
  classes?: string[];
}

/** Rows scored together by predictAll: a block's ranks (rows × features) stay in L1 cache. */
const BLOCK_ROWS = 256;

/**
 * Returns a function that scores one row of raw feature values: for binary, [P(class 1)]; for
 * multiclass, one probability per class; for regression, [value]. Compiles trees once up front.
 */
export function createPredictor(model: Model): (x: ArrayLike<number>, out?: Float64Array) => Float64Array {
  const K = model.outputs;
  if (model.algorithm === "gbdt" || model.algorithm === "random_forest") {
    const trees = treeScorer(model.trees, K);
    const start = startScores(model);
    return (x, out = new Float64Array(K)) => {
      out.set(start);
      trees.one(x, out);
      return finish(model, out, 0);
    };
  }
  const scores = linearRowScorer(model);
  return (x, out = new Float64Array(K)) => finish(model, scores(x, out), 0);
}

/** Predictions for every row of column-major data: probs[i * K + k] (or values for regression). */
export function predictAll(model: Model, columns: ArrayLike<number>[], rows: number): Float64Array {
  return createBatchPredictor(model)(columns, rows);
}

/**
 * Returns a function that scores many rows of column-major data at once (as predictAll does),
 * compiling the trees once up front: for scoring batch after batch with one model.
 */
export function createBatchPredictor(model: Model): (columns: ArrayLike<number>[], rows: number) => Float64Array {
  const K = model.outputs;
  if (model.algorithm === "linear_regression" || model.algorithm === "logistic_regression") {
    return (columns, rows) => {
      const out = new Float64Array(rows * K);
      addLinearScores(model, columns, rows, out);
      for (let i = 0; i < rows; i++) finish(model, out, i * K);
      return out;
    };
  }
  const trees = treeScorer(model.trees, K);
  const start = startScores(model);
  return (columns, rows) => {
    const out = new Float64Array(rows * K);
    for (let first = 0; first < rows; first += BLOCK_ROWS) {
      const n = Math.min(BLOCK_ROWS, rows - first);
      const scores = out.subarray(first * K, (first + n) * K);
      for (let i = 0; i < n; i++) scores.set(start, i * K);
      trees.many(columns, first, n, scores);
    }
    for (let i = 0; i < rows; i++) finish(model, out, i * K);
    return out;
  };
}

/** Adds the trees' raw scores: for one row, or for rows first..first+rows of column-major data. */
interface TreeScorer {
  one(x: ArrayLike<number>, out: Float64Array): void;
  many(columns: ArrayLike<number>[], first: number, rows: number, out: Float64Array): void;
}

/**
 * Complete trees over ranks for shallow trees (boosting), walked in WebAssembly where it runs (in
 * JavaScript otherwise); the pointer walk for deep ones (forests).
 */
function treeScorer(trees: Tree[], K: number): TreeScorer {
  const complete = completeTrees(trees, K);
  const wasm = complete && wasmScorer(complete, K, BLOCK_ROWS);
  if (complete && wasm) {
    const { out: sums } = wasm;
    return {
      one: (x, out) => {
        wasm.rankRow(x);
        sums.set(out);
        wasm.scoreRow();
        out.set(sums.subarray(0, K));
      },
      many: (columns, first, rows, out) => {
        wasm.rankRows(columns, first, rows);
        sums.set(out);
        wasm.scoreRows(rows);
        out.set(sums.subarray(0, rows * K));
      },
    };
  }
  if (complete) {
    const ranks = new Int32Array(BLOCK_ROWS * complete.stride);
    return {
      one: (x, out) => {
        rankRow(complete, x, ranks);
        addRankedScores(complete, ranks, 0, out, 0);
      },
      many: (columns, first, rows, out) => {
        rankColumns(complete, columns, first, rows, ranks);
        scoreRanks(complete, ranks, rows, out, K);
      },
    };
  }
  const compiled = compileTrees(trees, K);
  // A loop, not Math.max(...t.feature): a deep forest's tree has more nodes than a call takes arguments.
  let features = 0;
  for (const t of trees) for (const f of t.feature) features = Math.max(features, f + 1);
  const row = new Float64Array(features);
  return {
    one: (x, out) => addTreeScores(compiled, x, out),
    many: (columns, first, rows, out) => {
      for (let i = 0; i < rows; i++) {
        for (let f = 0; f < row.length && f < columns.length; f++) row[f] = columns[f]?.[first + i] as number;
        addTreeScores(compiled, row, out.subarray(i * K, i * K + K));
      }
    },
  };
}

/** What the trees' sum starts from: the base score for boosting, zero for forests. */
function startScores(model: GbdtModel | ForestModel): Float64Array {
  return model.algorithm === "gbdt" ? Float64Array.from(model.baseScore) : new Float64Array(model.outputs);
}

/** Turns the raw scores of the row at out[o..o+K) into what the model predicts, in place. */
function finish(model: Model, out: Float64Array, o: number): Float64Array {
  const K = model.outputs;
  if (model.algorithm === "random_forest") {
    // A forest averages its trees' votes per output.
    const perOutput = model.trees.length / K;
    let sum = 0;
    for (let k = o; k < o + K; k++) {
      out[k] = (out[k] as number) / perOutput;
      sum += out[k] as number;
    }
    if (model.task === "multiclass" && sum > 0) for (let k = o; k < o + K; k++) out[k] = (out[k] as number) / sum;
    return out;
  }
  const task: Task = model.task;
  if (task === "binary") out[o] = sigmoid(out[o] as number);
  else if (task === "multiclass") {
    let max = -Infinity;
    for (let k = o; k < o + K; k++) max = Math.max(max, out[k] as number);
    let sum = 0;
    for (let k = o; k < o + K; k++) {
      out[k] = Math.exp((out[k] as number) - max);
      sum += out[k] as number;
    }
    for (let k = o; k < o + K; k++) out[k] = (out[k] as number) / sum;
  }
  return out;
}
