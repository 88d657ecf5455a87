import type { FeatureInfo, Task } from "../dataset.ts";
import type { Tree } from "../tree/tree.ts";
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
