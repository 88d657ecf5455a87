// Models trained by other libraries (XGBoost, scikit-learn) in Roundhouse's own format, so they are
// served in-process with reasons, like a model trained here. The Python workflow helper describes a
// fitted model as plain JSON (python/roundhouse_workflow/_xgboost.py, _sklearn.py); this turns that
// description into trees or a linear model. The worker checks the result against the library's own
// holdout predictions before anything is stored.
import { ForestParamsSchema, GbdtParamsSchema } from "@roundhouse/contracts";
import type { FeatureInfo, Task } from "../dataset.ts";
import type { ForestModel } from "../forest/train.ts";
import type { GbdtModel } from "../gbdt/model.ts";
import type { LinearModel } from "../linear/linear.ts";
import type { LogisticModel } from "../linear/logistic.ts";
import type { Model } from "../model/model.ts";
import type { Tree } from "../tree/tree.ts";
import { thresholdForAtMostF32, thresholdForLessThanF32 } from "./float32-split.ts";

export interface ImportedTree {
  output: number;
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
  cover: number[];
  gain: number[];
  defaultLeft: number[];
}

export type ModelDescription = { library: string } & (
  | {
      kind: "boosting" | "forest";
      objective?: string;
      outputs: number;
      baseScore?: number[];
      /** How the library compares: float32(x) < t, float32(x) <= t, or x <= t. */
      split: "lt_f32" | "le_f32" | "le";
      trees: ImportedTree[];
    }
  | {
      kind: "linear";
      objective: string;
      outputs: number;
      coefficients: number[][];
      intercept: number[];
      /** Features enter as x − center, and a missing one as 0 (a Pipeline's imputed value; 0 when absent). */
      center?: number[];
    }
);

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportError";
  }
}

/** The description as a Roundhouse model over `features` (the job's feature schema, in order). */
export function importModel(d: ModelDescription, features: FeatureInfo[], task: Task): Model {
  const outputs = task === "multiclass" ? d.outputs : 1;
  if (d.outputs !== outputs) throw new ImportError(`the ${d.library} model has ${d.outputs} outputs; a ${task} model has ${outputs}`);
  if (d.kind === "linear") return importLinear(d, features, task);
  const trees = d.trees.map((t, i) => {
    if (t.output !== i % outputs) throw new ImportError(`tree ${i} adds to output ${t.output}; expected round-major order`);
    return importTree(t, d.split, features.length);
  });
  if (d.kind === "forest") {
    if (trees.length % outputs) throw new ImportError(`${trees.length} trees do not divide among ${outputs} outputs`);
    const forest: ForestModel = {
      algorithm: "random_forest",
      task,
      outputs,
      trees,
      features,
      params: ForestParamsSchema.parse({ numTrees: trees.length / outputs, bootstrap: false }),
    };
    return forest;
  }
  const objective = task === "binary" ? "binary:logistic" : task === "multiclass" ? "multi:softmax" : "reg:squared";
  const base = d.baseScore ?? new Array(outputs).fill(0);
  const gbdt: GbdtModel = {
    algorithm: "gbdt",
    task,
    objective,
    outputs,
    baseScore: base,
    trees,
    features,
    // The imported model's own parameters are in its run; these (defaults) say only its shape.
    params: GbdtParamsSchema.parse({ numTrees: trees.length / outputs }),
    bestIteration: trees.length / outputs - 1,
  };
  return gbdt;
}

function importTree(t: ImportedTree, split: "lt_f32" | "le_f32" | "le", featureCount: number): Tree {
  const n = t.left.length;
  for (const k of ["feature", "threshold", "right", "value", "cover", "defaultLeft"] as const)
    if (t[k].length !== n) throw new ImportError(`a tree's ${k} has ${t[k].length} entries for ${n} nodes`);
  const threshold = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const left = t.left[i] as number;
    const right = t.right[i] as number;
    if (left === -1) continue;
    const f = t.feature[i] as number;
    if (!(f >= 0 && f < featureCount)) throw new ImportError(`node ${i} splits on feature ${f}; the model has ${featureCount}`);
    if (!(left > i && left < n && right > i && right < n))
      throw new ImportError(`node ${i} has children ${left}, ${right} outside the tree`);
    const c = t.threshold[i] as number;
    threshold[i] = split === "lt_f32" ? thresholdForLessThanF32(c) : split === "le_f32" ? thresholdForAtMostF32(c) : c;
  }
  return {
    feature: Int32Array.from(t.feature, (f, i) => (t.left[i] === -1 ? -1 : f)),
    threshold,
    splitBin: new Int32Array(n),
    categories: new Array(n).fill(null),
    defaultLeft: Uint8Array.from(t.defaultLeft),
    left: Int32Array.from(t.left),
    right: Int32Array.from(t.right),
    value: Float64Array.from(t.value),
    cover: Float64Array.from(t.cover),
    gain: Float64Array.from(t.gain),
  };
}

/** Features enter as the library saw them (codes as numbers), less their center: an encoder that passes them through. */
function importLinear(d: Extract<ModelDescription, { kind: "linear" }>, features: FeatureInfo[], task: Task): Model {
  const F = features.length;
  if (d.center && (d.center.length !== F || d.center.some((c) => !Number.isFinite(c))))
    throw new ImportError(`the linear model has ${d.center.length} finite centers for ${F} features`);
  const encoder = {
    offset: features.map((_, j) => j),
    kind: features.map(() => "numeric" as const),
    categories: features.map(() => 0),
    mean: d.center ?? features.map(() => 0),
    std: features.map(() => 1),
    width: F,
  };
  if (d.coefficients.some((row) => row.length !== F))
    throw new ImportError(`the linear model has ${d.coefficients[0]?.length} coefficients per output for ${F} features`);
  const weights = d.coefficients.flat();
  if (task === "regression") {
    const linear: LinearModel = {
      algorithm: "linear_regression",
      task: "regression",
      outputs: 1,
      encoder,
      weights,
      intercept: d.intercept,
      features,
      params: { l2: 0 },
    };
    return linear;
  }
  const logistic: LogisticModel = {
    algorithm: "logistic_regression",
    task,
    outputs: d.outputs,
    encoder,
    weights,
    intercept: d.intercept,
    features,
    params: { l2: 0, maxIterations: 1, tolerance: 1 },
    iterations: 0,
  };
  return logistic;
}
