// The linear models' batch scorer (evaluation, batch scoring) gives the one-row scorer's bits
// (serving) on every row, missing values and categories never seen in training included.
import { expect, it } from "vitest";
import { createPredictor, predictAll } from "../model/model.ts";
import { synthetic } from "../test-data.ts";
import { trainModel } from "../train-model.ts";

it.each([
  ["logistic_regression", "binary"],
  ["logistic_regression", "multiclass"],
  ["linear_regression", "regression"],
] as const)("%s (%s) scores a batch exactly as it scores each row", (algorithm, task) => {
  const model = trainModel(algorithm, task, synthetic(2_000, task, 5), {}, { numClasses: 3 });
  const test = synthetic(500, task, 6);
  const color = test.features.findIndex((f) => f.kind === "categorical");
  const columns = test.columns.map((c) => Float64Array.from(c));
  // Unseen, negative and missing category codes, and a missing number.
  (columns[color] as Float64Array).set([99, -1, Number.NaN], 0);
  (columns[0] as Float64Array)[3] = Number.NaN;
  const K = model.outputs;
  const batch = predictAll(model, columns, test.rows);
  const one = createPredictor(model);
  const rowByRow = new Float64Array(test.rows * K);
  for (let i = 0; i < test.rows; i++) rowByRow.set(one(columns.map((c) => c[i] as number)), i * K);
  expect(Array.from(batch)).toEqual(Array.from(rowByRow));
  // Not all one value: the rows' features move the scores.
  expect(new Set(batch).size).toBeGreaterThan(test.rows / 2);
});
