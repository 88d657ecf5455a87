// The WebAssembly logistic loss (loss-kernel.ts, wasm/linear.ts) gives the bits of its JavaScript
// reference (binaryLoss): the loss, every gradient entry, and so whole models; and the rows it
// reads are encoded as one row at a time is (encodeRow, what serving and explanations use).
import { afterEach, expect, it } from "vitest";
import type { Dataset } from "../dataset.ts";
import { serializeModel } from "../model/format.ts";
import { synthetic } from "../test-data.ts";
import { trainModel } from "../train-model.ts";
import { encodeBlocks, encodeRow, fitEncoder } from "./encoder.ts";
import { binaryLoss, wasmBinaryLoss } from "./loss-kernel.ts";

afterEach(() => {
  delete process.env.ROUNDHOUSE_LINEAR_KERNEL;
});

/** Synthetic rows with missing, negative and never-seen category codes besides the usual ones. */
function withOddCategories(rows: number, seed: number): Dataset {
  const data = synthetic(rows, "binary", seed);
  const color = data.features.findIndex((f) => f.kind === "categorical");
  const column = Float32Array.from(data.columns[color] as Float32Array);
  for (let i = 0; i < rows; i += 7) column[i] = [Number.NaN, -1, 99][i % 3] as number;
  return { ...data, columns: data.columns.map((c, j) => (j === color ? column : c)) };
}

it.each([4_001, 4_000, 1])("loss and gradient are bit-identical to the JavaScript loop (%i rows, with categories)", (rows) => {
  const data = withOddCategories(rows, 7);
  const encoder = fitEncoder(withOddCategories(4_000, 7));
  const D = encoder.width;
  expect(encoder.kind).toContain("categorical");
  const kernel = wasmBinaryLoss(encoder, data.label);
  if (!kernel) throw new Error("the WebAssembly loss kernel is unavailable");
  encodeBlocks(encoder, data, kernel.rows);
  // Weights large enough that scores reach both signs and the far tails of the sigmoid.
  const w = Float64Array.from({ length: D + 1 }, (_, i) => Math.sin(i * 1.7) * 3);
  const fromKernel = new Float64Array(D + 1);
  const loss = kernel.evaluate(w, fromKernel);
  const wide = Float64Array.from([...w, 0]);
  const fromLoop = new Float64Array(D + 2);
  expect(binaryLoss(wide, fromLoop, kernel.rows, D)).toBe(loss);
  expect(Array.from(fromKernel)).toEqual(Array.from(fromLoop.subarray(0, D + 1)));
  expect(fromKernel.some((g) => g !== 0)).toBe(true);
});

it("encodes every row as encodeRow does: standardized numbers, the category's column or none", () => {
  const data = withOddCategories(500, 3);
  const encoder = fitEncoder(data);
  const kernel = wasmBinaryLoss(encoder, data.label);
  if (!kernel) throw new Error("the WebAssembly loss kernel is unavailable");
  encodeBlocks(encoder, data, kernel.rows);
  const F = encoder.kind.length;
  const Fn = kernel.rows.numCols.length;
  const [cols, vals] = [new Int32Array(F), new Float64Array(F)];
  let none = 0;
  for (let i = 0; i < data.rows; i++) {
    encodeRow(
      encoder,
      data.columns.map((c) => c[i] as number),
      cols,
      vals,
    );
    for (let j = 0, a = 0, b = 0; j < F; j++) {
      if (encoder.kind[j] === "numeric") {
        expect(kernel.rows.numCols[a]).toBe(cols[j]);
        expect(kernel.rows.dense[i * Fn + a++]).toBe(Math.fround(vals[j] as number));
      } else {
        const code = kernel.rows.codes[i * (F - Fn) + b++];
        if (vals[j] === 0) none++;
        expect(code).toBe(vals[j] === 1 ? cols[j] : encoder.width + 1);
      }
    }
  }
  expect(none).toBeGreaterThan(50);
});

it("a logistic regression is the same model, byte for byte, with the kernel and without", () => {
  const data = withOddCategories(3_000, 11);
  const fit = () => serializeModel(trainModel("logistic_regression", "binary", data, {}), { name: "y" });
  const withKernel = fit();
  process.env.ROUNDHOUSE_LINEAR_KERNEL = "js";
  expect(fit()).toBe(withKernel);
});
