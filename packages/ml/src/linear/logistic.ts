// Logistic regression, binary and multinomial, with an L2 penalty (sum of losses + l2/2·|w|², the
// same objective as scikit-learn's with C = 1/l2), fitted by L-BFGS on standardized features.
import { type LogisticParams, LogisticParamsSchema } from "@roundhouse/contracts";
import type { Dataset, FeatureInfo, Task } from "../dataset.ts";
import { checkCancelled, type TrainOptions } from "../training.ts";
import { type Encoder, encodeBlocks, fitEncoder } from "./encoder.ts";
import { lbfgs } from "./lbfgs.ts";
import { binaryLossFor } from "./loss-kernel.ts";
import { multinomialLoss } from "./multinomial-loss.ts";

export interface LogisticModel {
  algorithm: "logistic_regression";
  task: Task;
  /** 1 for binary (the log-odds of class 1), else one per class. */
  outputs: number;
  encoder: Encoder;
  /** weights[k * width + c] for output k, design column c; intercept[k]. */
  weights: number[];
  intercept: number[];
  features: FeatureInfo[];
  params: LogisticParams;
  iterations: number;
}

export function trainLogistic(
  task: Task,
  data: Dataset,
  params: Partial<LogisticParams> = {},
  options: TrainOptions & { numClasses?: number } = {},
): LogisticModel {
  const p = LogisticParamsSchema.parse(params);
  const K = task === "multiclass" ? (options.numClasses ?? Math.max(...data.label) + 1) : 1;
  const encoder = fitEncoder(data);
  const D = encoder.width;
  const n = data.rows;
  // The loss of the rows, without the penalty: it sets grad to its gradient.
  const dataLoss = K === 1 ? binaryLossOver(encoder, data) : multinomialLoss(encoder, data, K);

  // Parameters: K·D weights then K intercepts.
  const objective = (w: Float64Array, grad: Float64Array) => {
    checkCancelled(options.signal);
    let loss = dataLoss(w, grad);
    for (let c = 0; c < K * D; c++) {
      loss += 0.5 * p.l2 * (w[c] as number) ** 2;
      grad[c] = (grad[c] as number) + p.l2 * (w[c] as number);
    }
    return loss;
  };
  const result = lbfgs(objective, new Float64Array(K * D + K), {
    maxIterations: p.maxIterations,
    tolerance: p.tolerance,
    signal: options.signal,
    onIteration: (iteration, value) =>
      options.onIteration?.({
        iteration,
        total: p.maxIterations,
        trainLoss: value / n,
        lossName: K === 1 ? "logloss (penalized)" : "mlogloss (penalized)",
      }),
  });
  return {
    algorithm: "logistic_regression",
    task,
    outputs: K,
    encoder,
    weights: Array.from(result.w.subarray(0, K * D)),
    intercept: Array.from(result.w.subarray(K * D)),
    features: data.features,
    params: p,
    iterations: result.iterations,
  };
}

/** The binary loss of the rows, encoded once (in the WebAssembly kernel's memory where it runs). */
function binaryLossOver(encoder: Encoder, data: Dataset) {
  const loss = binaryLossFor(encoder, data.label);
  encodeBlocks(encoder, data, loss.rows);
  return (w: Float64Array, grad: Float64Array) => loss.evaluate(w, grad);
}
