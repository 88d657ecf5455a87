import type { FeatureInfo, Task } from "../dataset.ts";
import { leafOf, type Tree } from "../tree/tree.ts";
import type { Objective } from "./objectives.ts";
import type { GbdtParams } from "./params.ts";

export interface GbdtModel {
  algorithm: "gbdt";
  task: Task;
  objective: Objective;
  /** Outputs per row: classes for multiclass, else 1. */
  outputs: number;
  baseScore: number[];
  /** Round-major: trees[round * outputs + k] adds to output k. */
  trees: Tree[];
  features: FeatureInfo[];
  params: GbdtParams;
  bestIteration: number;
}

/** Raw scores (log-odds, softmax inputs or the regression value) of one row. */
export function gbdtRaw(model: GbdtModel, x: ArrayLike<number>, out: Float64Array = new Float64Array(model.outputs)): Float64Array {
  const K = model.outputs;
  for (let k = 0; k < K; k++) out[k] = model.baseScore[k] as number;
  const trees = model.trees;
  for (let t = 0; t < trees.length; t++) {
    const tree = trees[t] as Tree;
    const k = t % K;
    out[k] = (out[k] as number) + (tree.value[leafOf(tree, x)] as number);
  }
  return out;
}
