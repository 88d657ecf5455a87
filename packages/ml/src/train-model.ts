// One entry point for every algorithm, with its parameters validated (defaults filled in) and the
// holdout evaluation every run records.
import type { Dataset, Task } from "./dataset.ts";
import { trainForest } from "./forest/train.ts";
import { trainGbdt } from "./gbdt/train.ts";
import { trainLinear } from "./linear/linear.ts";
import { trainLogistic } from "./linear/logistic.ts";
import {
  averagePrecision,
  calibration,
  confusionAt,
  countsAtHundredths,
  logLoss,
  prCurve,
  rankByScore,
  rocAuc,
  rocCurve,
  thresholdMetrics,
} from "./metrics/binary.ts";
import { multiclassMetrics } from "./metrics/multiclass.ts";
import { regressionMetrics } from "./metrics/regression.ts";
import { type Algorithm, type Model, predictAll } from "./model/model.ts";
import { InvalidParams, type TrainOptions } from "./training.ts";

export function trainModel(
  algorithm: Algorithm,
  task: Task,
  train: Dataset,
  params: Record<string, unknown> = {},
  options: TrainOptions & { valid?: Dataset; numClasses?: number } = {},
): Model {
  if (algorithm === "linear_regression" && task !== "regression")
    throw new InvalidParams([{ path: "algorithm", message: "linear_regression is for regression; use logistic_regression to classify" }]);
  if (algorithm === "logistic_regression" && task === "regression")
    throw new InvalidParams([{ path: "algorithm", message: "logistic_regression classifies; use linear_regression for a numeric label" }]);
  try {
    switch (algorithm) {
      case "gbdt":
        return trainGbdt(task, train, params, options);
      case "random_forest":
        return trainForest(task, train, params, options);
      case "logistic_regression":
        return trainLogistic(task, train, params, options);
      case "linear_regression":
        return trainLinear(train, params, options);
    }
  } catch (err) {
    const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    if (issues) throw new InvalidParams(issues.map((i) => ({ path: `params.${i.path.map(String).join(".")}`, message: i.message })));
    throw err;
  }
}

/** Every holdout metric of the task, plus curves for binary classification. */
export function evaluate(model: Model, data: Dataset) {
  return evaluatePredictions(model.task, model.outputs, data.label, predictAll(model, data.columns, data.rows));
}

/**
 * Holdout metrics and curves from predictions (probs[i * K + k], P(class 1) for binary, values for
 * regression): how every run is measured, whether Roundhouse or a workflow's library predicted.
 */
export function evaluatePredictions(task: Task, outputs: number, y: Float64Array, probs: Float64Array) {
  if (task === "regression") return { metrics: regressionMetrics(y, probs), residuals: residualSample(y, probs), predictions: probs };
  if (task === "multiclass") {
    const { confusion, ...metrics } = multiclassMetrics(y, probs, outputs);
    return { metrics, confusion, predictions: probs };
  }
  const c = confusionAt(y, probs, 0.5);
  const ranked = rankByScore(y, probs);
  return {
    metrics: {
      auc: rocAuc(y, probs, ranked),
      prAuc: averagePrecision(y, probs, ranked),
      logloss: logLoss(y, probs),
      ...thresholdMetrics(c),
    },
    confusion: c,
    atThresholds: countsAtHundredths(y, probs),
    curves: { roc: rocCurve(y, probs, 300, ranked), pr: prCurve(y, probs, 300, ranked), calibration: calibration(y, probs) },
    predictions: probs,
  };
}

/** Up to `max` evenly spaced (actual, predicted) pairs for a residual plot. */
function residualSample(y: ArrayLike<number>, p: ArrayLike<number>, max = 1000) {
  const step = Math.max(1, y.length / max);
  const out: { actual: number; predicted: number }[] = [];
  for (let i = 0; i < y.length && out.length < max; i = Math.floor((out.length + 1) * step))
    out.push({ actual: y[i] as number, predicted: p[i] as number });
  return out;
}
