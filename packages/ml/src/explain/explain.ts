// Why a model said what it said about one row: per-feature contributions in raw-score units
// (log-odds for classification) that, with the bias, add up to the raw score. Exact TreeSHAP for
// tree models; coefficient × standardized value for linear models.

import { encodeRow } from "../linear/encoder.ts";
import type { Model } from "../model/model.ts";
import { expectedValue, treeShap } from "./tree-shap.ts";

export interface Explanation {
  /** bias[k]: the expected raw score of output k. */
  bias: number[];
  /** contributions[k][f]: feature f's contribution to output k. */
  contributions: number[][];
}

export function explainRow(model: Model, x: ArrayLike<number>): Explanation {
  const K = model.outputs;
  const F = model.features.length;
  const phi = Array.from({ length: K }, () => new Float64Array(F));
  const bias = new Array<number>(K).fill(0);
  if (model.algorithm === "gbdt" || model.algorithm === "random_forest") {
    const scale = model.algorithm === "random_forest" ? K / model.trees.length : 1;
    model.trees.forEach((tree, t) => {
      const k = t % K;
      const part = new Float64Array(F);
      treeShap(tree, x, part);
      const into = phi[k] as Float64Array;
      for (let f = 0; f < F; f++) into[f] = (into[f] as number) + (part[f] as number) * scale;
      bias[k] = (bias[k] as number) + expectedValue(tree) * scale;
    });
    if (model.algorithm === "gbdt") {
      for (const [k, b] of model.baseScore.entries()) bias[k] = (bias[k] as number) + b;
    }
  } else {
    const e = model.encoder;
    const cols = new Int32Array(F);
    const vals = new Float64Array(F);
    encodeRow(e, x, cols, vals);
    for (let k = 0; k < K; k++) {
      bias[k] = model.intercept[k] as number;
      for (let f = 0; f < F; f++)
        (phi[k] as Float64Array)[f] = (model.weights[k * e.width + (cols[f] as number)] as number) * (vals[f] as number);
    }
  }
  return { bias, contributions: phi.map((p) => Array.from(p)) };
}

/** Global importance of tree models: total gain and number of splits per feature. */
export function featureImportance(model: Model): { feature: string; gain: number; splits: number }[] {
  const gain = new Float64Array(model.features.length);
  const splits = new Float64Array(model.features.length);
  if (model.algorithm === "gbdt" || model.algorithm === "random_forest") {
    for (const t of model.trees) {
      for (let n = 0; n < t.feature.length; n++) {
        if (t.left[n] === -1) continue;
        const f = t.feature[n] as number;
        gain[f] = (gain[f] as number) + (t.gain[n] as number);
        splits[f] = (splits[f] as number) + 1;
      }
    }
  } else {
    // Linear models: the size of each feature's standardized coefficients.
    const e = model.encoder;
    model.features.forEach((_, f) => {
      const width = e.kind[f] === "numeric" ? 1 : (e.categories[f] as number);
      for (let k = 0; k < model.outputs; k++)
        for (let c = 0; c < width; c++)
          gain[f] = (gain[f] as number) + Math.abs(model.weights[k * e.width + (e.offset[f] as number) + c] as number);
    });
  }
  return model.features
    .map((f, i) => ({ feature: f.name, gain: gain[i] as number, splits: splits[i] as number }))
    .sort((a, b) => b.gain - a.gain);
}
