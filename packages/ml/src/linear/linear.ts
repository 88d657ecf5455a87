// Linear (ridge) regression: solves (XᵀX + l2·I)w = Xᵀy on standardized features by Cholesky,
// with the intercept unpenalized (y is centred first).
import { type LinearParams, LinearParamsSchema } from "@roundhouse/contracts";
import type { Dataset, FeatureInfo } from "../dataset.ts";
import { checkCancelled, type TrainOptions } from "../training.ts";
import { type Encoder, encodeAll, fitEncoder } from "./encoder.ts";

export interface LinearModel {
  algorithm: "linear_regression";
  task: "regression";
  outputs: 1;
  encoder: Encoder;
  weights: number[];
  intercept: number[];
  features: FeatureInfo[];
  params: LinearParams;
}

export function trainLinear(data: Dataset, params: Partial<LinearParams> = {}, options: TrainOptions = {}): LinearModel {
  const p = LinearParamsSchema.parse(params);
  const encoder = fitEncoder(data);
  const D = encoder.width;
  const F = encoder.kind.length;
  const { cols, vals } = encodeAll(encoder, data);
  const n = data.rows;
  let yMean = 0;
  for (const v of data.label) yMean += v;
  yMean /= n;
  // Column means of the design, to centre X as well (so the intercept stays out of the penalty).
  const xMean = new Float64Array(D);
  for (let i = 0; i < n * F; i++) xMean[cols[i] as number] = (xMean[cols[i] as number] as number) + (vals[i] as number) / n;
  const A = new Float64Array(D * D);
  const b = new Float64Array(D);
  for (let i = 0; i < n; i++) {
    if (i % 100_000 === 0) checkCancelled(options.signal);
    const base = i * F;
    const yi = (data.label[i] as number) - yMean;
    for (let j = 0; j < F; j++) {
      const cj = cols[base + j] as number;
      const vj = vals[base + j] as number;
      b[cj] = (b[cj] as number) + vj * yi;
      for (let k = 0; k < F; k++) {
        const idx = cj * D + (cols[base + k] as number);
        A[idx] = (A[idx] as number) + vj * (vals[base + k] as number);
      }
    }
  }
  // Centre: XcᵀXc = XᵀX - n·m·mᵀ, Xcᵀyc = Xᵀyc (yc already has mean 0).
  for (let r = 0; r < D; r++)
    for (let c = 0; c < D; c++) A[r * D + c] = (A[r * D + c] as number) - n * (xMean[r] as number) * (xMean[c] as number);
  for (let d = 0; d < D; d++) A[d * D + d] = (A[d * D + d] as number) + p.l2 + 1e-9;
  const w = choleskySolve(A, b, D);
  let intercept = yMean;
  for (let d = 0; d < D; d++) intercept -= (w[d] as number) * (xMean[d] as number);
  options.onIteration?.({ iteration: 1, total: 1, trainLoss: 0, lossName: "rmse" });
  return {
    algorithm: "linear_regression",
    task: "regression",
    outputs: 1,
    encoder,
    weights: Array.from(w),
    intercept: [intercept],
    features: data.features,
    params: p,
  };
}

function choleskySolve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (L[i * n + k] as number) * (L[j * n + k] as number);
      L[i * n + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / (L[j * n + j] as number);
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (L[i * n + k] as number) * (y[k] as number);
    y[i] = s / (L[i * n + i] as number);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let k = i + 1; k < n; k++) s -= (L[k * n + i] as number) * (x[k] as number);
    x[i] = s / (L[i * n + i] as number);
  }
  return x;
}
