// A validation set's logistic loss by the WebAssembly kernel (wasm/loss.ts) is its JavaScript
// twin's (objectives.ts), bit for bit, so early stopping stops at the same round with either;
// and both are the log loss.
import { afterEach, describe, expect, it } from "vitest";
import { rng } from "../dataset.ts";
import { synthetic } from "../test-data.ts";
import { trainModel } from "../train-model.ts";
import type { IterationReport } from "../training.ts";
import { jsLogisticLoss, wasmLogisticLoss } from "./validation-set.ts";

afterEach(() => {
  delete process.env.ROUNDHOUSE_FIT_KERNEL;
});

/** The log loss as a textbook writes it, −y log p − (1 − y) log(1 − p). */
function textbookLoss(scores: Float64Array, label: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    sum += label[i] === 1 ? Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s));
  }
  return sum / scores.length;
}

describe("validation loss", () => {
  // An odd count runs the kernel's single last row; scores from certain to unsure, both signs.
  it.each([1, 2, 9_999, 10_000])("the kernel's loss of %i rows is the JavaScript twin's, bit for bit, and the log loss", (n) => {
    const random = rng(n);
    const label = Float64Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0));
    const kernel = wasmLogisticLoss(label);
    expect(kernel).not.toBeNull();
    if (!kernel) return;
    const scale = [0.5, 4, 40];
    kernel.scores.set(Float64Array.from({ length: n }, (_, i) => (random() - 0.5) * (scale[i % 3] as number)));
    const loss = kernel.loss();
    expect(Object.is(loss, jsLogisticLoss(kernel.scores, label))).toBe(true);
    expect(loss).toBeCloseTo(textbookLoss(kernel.scores, label), 12);
  });

  it("stays finite and exact for scores far past where a probability rounds to 0 or 1", () => {
    const label = Float64Array.of(1, 0, 1, 0, 1);
    const kernel = wasmLogisticLoss(label);
    if (!kernel) throw new Error("no WebAssembly");
    kernel.scores.set([-800, 800, 800, -800, 0]);
    // Rows 1 and 2 lose 800 each, rows 3 and 4 nothing to double precision, row 5 log 2.
    expect(kernel.loss()).toBeCloseTo((1600 + Math.LN2) / 5, 10);
    expect(Object.is(kernel.loss(), jsLogisticLoss(kernel.scores, label))).toBe(true);
  });

  it("early stopping sees the same losses and keeps the same trees with the kernel and without it", () => {
    const train = synthetic(6_001, "binary", 7);
    const valid = synthetic(2_001, "binary", 8);
    const fit = (variant: "wasm" | "reference") => {
      process.env.ROUNDHOUSE_FIT_KERNEL = variant;
      const losses: (number | undefined)[] = [];
      const model = trainModel(
        "gbdt",
        "binary",
        train,
        { numTrees: 300, learningRate: 0.5, maxDepth: 6, earlyStoppingRounds: 5 },
        { valid, onIteration: (r: IterationReport) => losses.push(r.validLoss) },
      );
      return { losses, model: JSON.stringify(model) };
    };
    const withKernel = fit("wasm");
    const without = fit("reference");
    // It stopped early: the curve turned up before the 300th tree.
    expect(withKernel.losses.length).toBeLessThan(300);
    expect(withKernel.losses).toEqual(without.losses);
    expect(withKernel.model).toBe(without.model);
  });
});
