// Why a model said what it said about one row: per-feature contributions in raw-score units
// (log-odds for classification) that, with the bias, add up to the raw score. Exact TreeSHAP for
// tree models; coefficient × standardized value for linear models.

import type { Dataset, FeatureArray } from "../dataset.ts";
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

/**
 * Global importance. Trees: total gain and number of splits per feature. Linear models: how much a
 * feature moves the score across the training rows, |coefficient × feature std| (the standard
 * deviation of its contribution; for a categorical feature over its one-hot levels), summed over
 * outputs. Without the training rows, the sum of |standardized coefficients| stands in.
 */
export function featureImportance(model: Model, data?: Dataset): { feature: string; gain: number; splits: number }[] {
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
  } else if (data && data.rows > 0) {
    const e = model.encoder;
    const F = model.features.length;
    const cols = new Int32Array(F);
    const vals = new Float64Array(F);
    const x = new Float64Array(F);
    const sum = new Float64Array(F * model.outputs);
    const sum2 = new Float64Array(F * model.outputs);
    for (let i = 0; i < data.rows; i++) {
      for (let f = 0; f < F; f++) x[f] = (data.columns[f] as FeatureArray)[i] as number;
      encodeRow(e, x, cols, vals);
      for (let k = 0; k < model.outputs; k++)
        for (let f = 0; f < F; f++) {
          const c = (model.weights[k * e.width + (cols[f] as number)] as number) * (vals[f] as number);
          sum[k * F + f] = (sum[k * F + f] as number) + c;
          sum2[k * F + f] = (sum2[k * F + f] as number) + c * c;
        }
    }
    for (let k = 0; k < model.outputs; k++)
      for (let f = 0; f < F; f++) {
        const m = (sum[k * F + f] as number) / data.rows;
        gain[f] = (gain[f] as number) + Math.sqrt(Math.max((sum2[k * F + f] as number) / data.rows - m * m, 0));
      }
  } else {
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
