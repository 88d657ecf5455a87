// The multinomial loss: its WebAssembly kernel and its pass generated per class count give the
// loop's bits (odd and even class counts, categories, missing and never-seen codes), whole models
// are the same bytes with and without WebAssembly, and its gradient is the loss's (finite differences).
import { afterEach, expect, it } from "vitest";
import { rng } from "../dataset.ts";
import { serializeModel } from "../model/format.ts";
import { synthetic } from "../test-data.ts";
import { trainModel } from "../train-model.ts";
import { fitEncoder } from "./encoder.ts";
import { generatedMultinomialPass } from "./multinomial-kernel.ts";
import { type MultinomialKernel, multinomialLoss } from "./multinomial-loss.ts";

afterEach(() => {
  delete process.env.ROUNDHOUSE_LINEAR_KERNEL;
});

/** Synthetic rows with K classes (label = a code below K) and some category codes never seen. */
function rowsWith(K: number, rows: number) {
  const data = synthetic(rows, "multiclass", 17);
  const next = rng(5);
  const label = Float64Array.from({ length: rows }, () => Math.floor(next() * K));
  const color = data.features.findIndex((f) => f.kind === "categorical");
  const columns = data.columns.map((c, j) => (j === color ? Float32Array.from(c, (v, i) => (i % 11 === 0 ? 99 : v)) : c));
  return { ...data, label, columns };
}

const weights = (size: number) => Float64Array.from({ length: size }, (_, i) => Math.sin(i * 1.3) * 0.8);

it.each([2, 3, 7, 8, 16])(
  "the WebAssembly kernel and the generated pass give the loop's loss and gradient for %i classes, bit for bit",
  (K) => {
    const data = rowsWith(K, 2_001);
    const encoder = fitEncoder(data);
    const size = K * encoder.width + K;
    // Weights large enough that some rows' softmax is all but one-hot (exponentials far below 1).
    const w = Float64Array.from(weights(size), (v) => v * 4);
    const run = (kernel: MultinomialKernel) => {
      const loss = multinomialLoss(encoder, data, K, kernel);
      if (!loss) throw new Error(`no ${kernel} kernel for ${K} classes`);
      const grad = new Float64Array(size);
      return { loss: loss(w, grad), grad: Array.from(grad) };
    };
    const loop = run("loop");
    expect(loop.grad.some((g) => g !== 0)).toBe(true);
    expect(Number.isFinite(loop.loss)).toBe(true);
    for (const kernel of ["wasm", "generated"] as const) {
      const other = run(kernel);
      expect(other.loss, kernel).toBe(loop.loss);
      expect(other.grad, kernel).toEqual(loop.grad);
    }
  },
);

it("runs the loop above 16 classes: no WebAssembly instance and no generated pass there", () => {
  const data = rowsWith(17, 500);
  const encoder = fitEncoder(data);
  expect(multinomialLoss(encoder, data, 17, "wasm")).toBeNull();
  expect(multinomialLoss(encoder, data, 17, "generated")).toBeNull();
  const grad = new Float64Array(17 * encoder.width + 17);
  expect(multinomialLoss(encoder, data, 17)(weights(grad.length), grad)).toBeGreaterThan(0);
});

it("a multiclass logistic regression is the same model, byte for byte, with WebAssembly and without", () => {
  const data = rowsWith(5, 3_000);
  const fit = () => serializeModel(trainModel("logistic_regression", "multiclass", data, {}, { numClasses: 5 }), { name: "y" });
  const withKernel = fit();
  process.env.ROUNDHOUSE_LINEAR_KERNEL = "js";
  expect(fit()).toBe(withKernel);
});

it("has no generated pass above 16 classes (the loop runs)", () => {
  expect(generatedMultinomialPass(17)).toBeNull();
});

it("its gradient is the loss's slope (central differences)", () => {
  const K = 4;
  const data = rowsWith(K, 300);
  const encoder = fitEncoder(data);
  const loss = multinomialLoss(encoder, data, K);
  const size = K * encoder.width + K;
  const w = weights(size);
  const grad = new Float64Array(size);
  loss(w, grad);
  const scratch = new Float64Array(size);
  const h = 1e-5;
  for (let c = 0; c < size; c++) {
    const up = Float64Array.from(w);
    const down = Float64Array.from(w);
    up[c] = (up[c] as number) + h;
    down[c] = (down[c] as number) - h;
    const slope = (loss(up, scratch) - loss(down, scratch)) / (2 * h);
    expect(grad[c] as number).toBeCloseTo(slope, 3);
  }
});
