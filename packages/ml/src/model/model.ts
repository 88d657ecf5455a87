// One type for every fitted model, and one way to predict with it.
import type { Task } from "../dataset.ts";
import type { ForestModel } from "../forest/train.ts";
import type { GbdtModel } from "../gbdt/model.ts";
import { sigmoid } from "../gbdt/objectives.ts";
import type { LinearModel } from "../linear/linear.ts";
import { type LogisticModel, linearScores } from "../linear/logistic.ts";
import { addTreeScores, compileTrees } from "../tree/forest-layout.ts";

export type Model = GbdtModel | ForestModel | LogisticModel | LinearModel;
export type Algorithm = Model["algorithm"];

export interface LabelInfo {
  name: string;
  /** Class names by index, for classification. */
  classes?: string[];
}

/**
 * Returns a function that scores one row of raw feature values: for binary, [P(class 1)]; for
 * multiclass, one probability per class; for regression, [value]. Compiles trees once up front.
 */
export function createPredictor(model: Model): (x: ArrayLike<number>, out?: Float64Array) => Float64Array {
  const K = model.outputs;
  const task: Task = model.task;
  if (model.algorithm === "gbdt") {
    const compiled = compileTrees(model.trees, K);
    const base = Float64Array.from(model.baseScore);
    return (x, out = new Float64Array(K)) => {
      out.set(base);
      addTreeScores(compiled, x, out);
      return finish(task, out, K);
    };
  }
  if (model.algorithm === "random_forest") {
    const compiled = compileTrees(model.trees, K);
    const perOutput = model.trees.length / K;
    return (x, out = new Float64Array(K)) => {
      out.fill(0);
      addTreeScores(compiled, x, out);
      let sum = 0;
      for (let k = 0; k < K; k++) {
        out[k] = (out[k] as number) / perOutput;
        sum += out[k] as number;
      }
      if (task === "multiclass" && sum > 0) for (let k = 0; k < K; k++) out[k] = (out[k] as number) / sum;
      return out;
    };
  }
  return (x, out = new Float64Array(K)) => finish(task, linearScores(model, x, out), K);
}

function finish(task: Task, out: Float64Array, K: number): Float64Array {
  if (task === "binary") out[0] = sigmoid(out[0] as number);
  else if (task === "multiclass") {
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, out[k] as number);
    let sum = 0;
    for (let k = 0; k < K; k++) {
      out[k] = Math.exp((out[k] as number) - max);
      sum += out[k] as number;
    }
    for (let k = 0; k < K; k++) out[k] = (out[k] as number) / sum;
  }
  return out;
}

/** Predictions for every row of column-major data: probs[i * K + k] (or values for regression). */
export function predictAll(model: Model, columns: ArrayLike<number>[], rows: number): Float64Array {
  const predict = createPredictor(model);
  const K = model.outputs;
  const out = new Float64Array(rows * K);
  const x = new Float64Array(columns.length);
  const row = new Float64Array(K);
  for (let i = 0; i < rows; i++) {
    for (let f = 0; f < columns.length; f++) x[f] = columns[f]?.[i] as number;
    predict(x, row);
    out.set(row, i * K);
  }
  return out;
}
