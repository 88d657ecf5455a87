// Linear (ridge) regression: solves (XcᵀXc + l2·I)w = Xcᵀyc on standardized features, one-hot
// categories, X and y centred so the intercept stays out of the penalty (normal-equations.ts):
// exactly by Cholesky up to MAX_DIRECT_WIDTH design columns, by conjugate gradients above.
import { type LinearParams, LinearParamsSchema } from "@roundhouse/contracts";
import type { Dataset, FeatureInfo } from "../dataset.ts";
import type { TrainOptions } from "../training.ts";
import { type Encoder, encodedRows, fitEncoder } from "./encoder.ts";
import { choleskySolve, conjugateGradients, type Design, JITTER, moments, normalMatrix } from "./normal-equations.ts";
import { addLinearScores } from "./scores.ts";

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

/**
 * Above this many design columns the matrix is not formed: Cholesky's D³/3 multiply-adds took
 * about 0.3 s at 1,000 columns and 35 s at 5,000 (and its matrix 200 MB), while conjugate
 * gradients cost a few dozen passes over the rows.
 */
export const MAX_DIRECT_WIDTH = 1_000;
/** Conjugate-gradient steps at most (exact arithmetic needs at most D; a few dozen reach 1e-10). */
const MAX_ITERATIONS = 1_000;

export function trainLinear(data: Dataset, params: Partial<LinearParams> = {}, options: TrainOptions = {}): LinearModel {
  const p = LinearParamsSchema.parse(params);
  const encoder = fitEncoder(data);
  const D = encoder.width;
  const n = data.rows;
  const design: Design = { n, width: D, ...encodedRows(encoder, data) };
  let yMean = 0;
  for (const v of data.label) yMean += v;
  yMean /= n;
  const yc = data.label.map((v) => v - yMean);
  const { xMean, b } = moments(design, yc);
  const w =
    D <= MAX_DIRECT_WIDTH
      ? choleskySolve(normalMatrix(design, xMean, p.l2, options.signal), b, D)
      : conjugateGradients(design, xMean, b, p.l2 + JITTER, { maxIterations: MAX_ITERATIONS, signal: options.signal }).w;
  let intercept = yMean;
  for (let d = 0; d < D; d++) intercept -= (w[d] as number) * (xMean[d] as number);
  const model: LinearModel = {
    algorithm: "linear_regression",
    task: "regression",
    outputs: 1,
    encoder,
    weights: Array.from(w),
    intercept: [intercept],
    features: data.features,
    params: p,
  };
  if (options.onIteration) options.onIteration({ iteration: 1, total: 1, trainLoss: trainingRmse(model, data), lossName: "rmse" });
  return model;
}

/** The fitted model's RMSE on its training rows (the job's one loss point). */
function trainingRmse(model: LinearModel, data: Dataset): number {
  const scores = new Float64Array(data.rows);
  addLinearScores(model, data.columns, data.rows, scores);
  let sum = 0;
  for (let i = 0; i < data.rows; i++) sum += ((data.label[i] as number) - (scores[i] as number)) ** 2;
  return Math.sqrt(sum / Math.max(1, data.rows));
}
