// The multinomial loss: its pass generated per class count gives the loop's bits, and its gradient
// is the loss's (finite differences), categories and missing values included.
import { expect, it } from "vitest";
import { rng } from "../dataset.ts";
import { synthetic } from "../test-data.ts";
import { fitEncoder } from "./encoder.ts";
import { multinomialLoss } from "./logistic.ts";
import { generatedMultinomialPass, multinomialPass } from "./multinomial-kernel.ts";

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

it.each([3, 7, 16])("the pass generated for %i classes gives the loop's loss and gradient, bit for bit", (K) => {
  const data = rowsWith(K, 2_001);
  const encoder = fitEncoder(data);
  const generated = generatedMultinomialPass(K);
  if (!generated) throw new Error(`no generated pass for ${K} classes`);
  const size = K * encoder.width + K;
  const [a, b] = [new Float64Array(size), new Float64Array(size)];
  const w = weights(size);
  const lossA = multinomialLoss(encoder, data, K, generated)(w, a);
  const lossB = multinomialLoss(encoder, data, K, multinomialPass(K))(w, b);
  expect(lossA).toBe(lossB);
  expect(Array.from(a)).toEqual(Array.from(b));
  expect(a.some((g) => g !== 0)).toBe(true);
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
