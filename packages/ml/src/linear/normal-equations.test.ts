// Ridge regression's two solvers: conjugate gradients (wide designs) reach Cholesky's exact
// solution, with rare, missing, never-seen and never-used categories and with almost no penalty;
// and a fit wider than MAX_DIRECT_WIDTH takes them and predicts as the exact solution does.
import { expect, it } from "vitest";
import type { Dataset } from "../dataset.ts";
import { rng } from "../dataset.ts";
import { trainModel } from "../train-model.ts";
import { encodedRows, fitEncoder } from "./encoder.ts";
import { MAX_DIRECT_WIDTH } from "./linear.ts";
import { choleskySolve, conjugateGradients, type Design, JITTER, moments, normalMatrix } from "./normal-equations.ts";
import { addLinearScores } from "./scores.ts";

/** Rows with two numbers and a category of `categories` levels (skewed counts, some missing or unseen), y linear in all. */
function wide(rows: number, categories: number, seed: number): Dataset {
  const next = rng(seed);
  const x0 = new Float32Array(rows);
  const x1 = new Float32Array(rows);
  const zip = new Float32Array(rows);
  const effect = Float64Array.from({ length: categories }, () => next() * 4 - 2);
  const label = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    x0[i] = next() * 10;
    x1[i] = next() < 0.05 ? Number.NaN : next() - 0.5;
    // Squared: low codes are common, high ones rare; the last few levels never occur.
    const code = Math.floor(next() ** 2 * (categories - 3));
    zip[i] = i % 97 === 0 ? Number.NaN : i % 89 === 0 ? categories + 5 : code;
    label[i] =
      0.3 * (x0[i] as number) + 2 * (Number.isNaN(x1[i] as number) ? 0 : (x1[i] as number)) + (effect[code] as number) + next() * 0.1;
  }
  const names = Array.from({ length: categories }, (_, k) => `z${k}`);
  return {
    rows,
    features: [
      { name: "x0", kind: "numeric" },
      { name: "zip", kind: "categorical", categories: names },
      { name: "x1", kind: "numeric" },
    ],
    columns: [x0, zip, x1],
    label,
  };
}

function designOf(data: Dataset) {
  const encoder = fitEncoder(data);
  const design: Design = { n: data.rows, width: encoder.width, ...encodedRows(encoder, data) };
  let mean = 0;
  for (const v of data.label) mean += v / data.rows;
  return {
    encoder,
    design,
    yMean: mean,
    ...moments(
      design,
      data.label.map((v) => v - mean),
    ),
  };
}

it.each([1e-6, 5])("conjugate gradients reach Cholesky's solution (l2 = %s)", (l2) => {
  const { design, xMean, b, encoder } = designOf(wide(6_000, 300, 3));
  const exact = choleskySolve(normalMatrix(design, xMean, l2), b, design.width);
  const iterative = conjugateGradients(design, xMean, b, l2 + JITTER, { maxIterations: 1_000 });
  expect(iterative.residual).toBeLessThanOrEqual(1e-10);
  expect(iterative.iterations).toBeLessThan(300);
  let worst = 0;
  for (let c = 0; c < design.width; c++) worst = Math.max(worst, Math.abs((iterative.w[c] as number) - (exact[c] as number)));
  expect(worst).toBeLessThan(1e-6);
  // A level no training row has keeps weight 0 in both.
  const unused = (encoder.offset[1] as number) + 299;
  expect(iterative.w[unused]).toBe(0);
  expect(exact[unused]).toBeCloseTo(0, 12);
});

it(`a fit wider than ${MAX_DIRECT_WIDTH} design columns predicts as the exact solution does`, () => {
  const data = wide(12_000, MAX_DIRECT_WIDTH + 100, 5);
  const model = trainModel("linear_regression", "regression", data, {});
  if (model.algorithm !== "linear_regression") throw new Error("not a linear model");
  expect(model.encoder.width).toBeGreaterThan(MAX_DIRECT_WIDTH);
  const { design, xMean, b, yMean } = designOf(data);
  const exact = choleskySolve(normalMatrix(design, xMean, model.params.l2), b, design.width);
  let intercept = yMean;
  for (let d = 0; d < design.width; d++) intercept -= (exact[d] as number) * (xMean[d] as number);
  const [fitted, expected] = [new Float64Array(data.rows), new Float64Array(data.rows)];
  addLinearScores(model, data.columns, data.rows, fitted);
  addLinearScores({ ...model, weights: Array.from(exact), intercept: [intercept] }, data.columns, data.rows, expected);
  let worst = 0;
  for (let i = 0; i < data.rows; i++) worst = Math.max(worst, Math.abs((fitted[i] as number) - (expected[i] as number)));
  expect(worst).toBeLessThan(1e-6);
  // And it fits: the category effects are learned (noise is U(0, 0.1)).
  let sse = 0;
  for (let i = 0; i < data.rows; i++) sse += ((data.label[i] as number) - (fitted[i] as number)) ** 2;
  expect(Math.sqrt(sse / data.rows)).toBeLessThan(0.2);
});

it("forms XcᵀXc and Xcᵀyc as a dense product of the centred design does, whatever the row count's remainder by four", () => {
  for (const rows of [1_001, 1_002, 1_003, 1_004]) {
    const data = wide(rows, 7, rows);
    const { design, xMean, b, yMean } = designOf(data);
    const D = design.width;
    // The design as dense rows: encodeBlocks' layout read back column by column.
    const Fn = design.numCols.length;
    const Fc = design.codes.length / rows;
    const X = Array.from({ length: rows }, (_, i) => {
      const x = new Float64Array(D);
      for (let a = 0; a < Fn; a++) x[design.numCols[a] as number] = design.dense[i * Fn + a] as number;
      for (let k = 0; k < Fc; k++) if ((design.codes[i * Fc + k] as number) < D) x[design.codes[i * Fc + k] as number] = 1;
      return x;
    });
    const mean = new Float64Array(D);
    for (const x of X) for (let d = 0; d < D; d++) mean[d] = (mean[d] as number) + (x[d] as number) / rows;
    const l2 = 0.5;
    const A = normalMatrix(design, xMean, l2);
    let worst = 0;
    for (let r = 0; r < D; r++) {
      expect(xMean[r]).toBeCloseTo(mean[r] as number, 12);
      let xty = 0;
      for (let i = 0; i < rows; i++) xty += ((X[i] as Float64Array)[r] as number) * ((data.label[i] as number) - yMean);
      expect(b[r]).toBeCloseTo(xty, 8);
      for (let c = 0; c < D; c++) {
        let s = r === c ? l2 + JITTER : 0;
        for (const x of X) s += ((x[r] as number) - (mean[r] as number)) * ((x[c] as number) - (mean[c] as number));
        worst = Math.max(worst, Math.abs((A[r * D + c] as number) - s) / Math.max(1, Math.abs(s)));
      }
    }
    expect(worst).toBeLessThan(1e-9);
  }
});
