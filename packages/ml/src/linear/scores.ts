// Raw scores of the linear models (log-odds, softmax inputs or the regression value): one row for
// serving, or many rows of column-major data for evaluation and batch scoring.
import { type Encoder, encodeRow } from "./encoder.ts";

export interface LinearScoring {
  encoder: Encoder;
  weights: number[];
  intercept: number[];
  outputs: number;
}

/**
 * A one-row scorer: x's raw scores into out, the terms added in feature order; its encoding
 * buffers are made once, not per row (the one-row path of serving).
 */
export function linearRowScorer(model: LinearScoring): (x: ArrayLike<number>, out: Float64Array) => Float64Array {
  const { encoder: e, weights, intercept, outputs: K } = model;
  const F = e.kind.length;
  const cols = new Int32Array(F);
  const vals = new Float64Array(F);
  return (x, out) => {
    encodeRow(e, x, cols, vals);
    for (let k = 0; k < K; k++) {
      let s = intercept[k] as number;
      for (let j = 0; j < F; j++) s += (weights[k * e.width + (cols[j] as number)] as number) * (vals[j] as number);
      out[k] = s;
    }
    return out;
  };
}

/**
 * Raw scores of the first `rows` rows of column-major data into out[i * K + k], feature by
 * feature: the same terms added in the same order as the one-row scorer (so the same bits), but a
 * column at a time over the block instead of a row's features through a lookup each. Evaluating
 * 80k rows a row at a time took 0.17 s.
 */
export function addLinearScores(model: LinearScoring, columns: ArrayLike<number>[], rows: number, out: Float64Array): void {
  const { encoder: e, weights, intercept, outputs: K } = model;
  for (let i = 0; i < rows; i++) for (let k = 0; k < K; k++) out[i * K + k] = intercept[k] as number;
  for (let j = 0; j < e.kind.length; j++) {
    const column = columns[j] ?? new Float64Array(rows).fill(Number.NaN);
    const offset = e.offset[j] as number;
    for (let k = 0; k < K; k++) {
      const at = k * e.width + offset;
      if (e.kind[j] === "numeric") {
        const w = weights[at] as number;
        const mean = e.mean[j] as number;
        const std = e.std[j] as number;
        for (let i = 0; i < rows; i++) {
          const v = column[i] as number;
          out[i * K + k] = (out[i * K + k] as number) + w * (Number.isNaN(v) ? 0 : (v - mean) / std);
        }
      } else {
        const count = e.categories[j] as number;
        for (let i = 0; i < rows; i++) {
          const v = column[i] as number;
          const ok = !Number.isNaN(v) && v >= 0 && v < count;
          out[i * K + k] = (out[i * K + k] as number) + (weights[at + (ok ? v : 0)] as number) * (ok ? 1 : 0);
        }
      }
    }
  }
}
