// A validation set in the WebAssembly kernel's memory (wasm/validation.ts) gets the same scores and
// the same logistic loss as its JavaScript twins (binned-scoring.ts, objectives.ts), bit for bit,
// so early stopping stops at the same round with either; and the loss is the log loss.
import { afterEach, describe, expect, it } from "vitest";
import { rng } from "../dataset.ts";
import { synthetic } from "../test-data.ts";
import { trainModel } from "../train-model.ts";
import type { IterationReport } from "../training.ts";
import { binRows, fitBinning } from "../tree/binning.ts";
import type { GbdtModel } from "./model.ts";
import { gradientsFor } from "./objectives.ts";
import { jsValidationSet, wasmValidationSet } from "./validation-set.ts";

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

const logistic = gradientsFor("binary:logistic");
/** Rows with one feature of 8 bins (their values do not matter to the loss). */
const rowsOf = (n: number) => ({ n, F: 1, bins: new Uint8Array(n), byFeature: new Uint8Array(n) });

describe("validation set", () => {
  // An odd count runs the kernel's single last row; scores from certain to unsure, both signs.
  it.each([1, 2, 9_999, 10_000])("the kernel's loss of %i rows is the JavaScript twin's, bit for bit, and the log loss", (n) => {
    const random = rng(n);
    const label = Float64Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0));
    const kernel = wasmValidationSet(rowsOf(n), label, 1, "binary:logistic", logistic);
    const twin = jsValidationSet(rowsOf(n), label, 1, logistic);
    if (!kernel) throw new Error("no WebAssembly");
    const scale = [0.5, 4, 40];
    kernel.scores.set(Float64Array.from({ length: n }, (_, i) => (random() - 0.5) * (scale[i % 3] as number)));
    twin.scores.set(kernel.scores);
    const loss = kernel.loss();
    expect(Object.is(loss, twin.loss())).toBe(true);
    expect(loss).toBeCloseTo(textbookLoss(kernel.scores, label), 12);
  });

  it("keeps the loss finite and exact for scores far past where a probability rounds to 0 or 1", () => {
    const label = Float64Array.of(1, 0, 1, 0, 1);
    const kernel = wasmValidationSet(rowsOf(5), label, 1, "binary:logistic", logistic);
    if (!kernel) throw new Error("no WebAssembly");
    kernel.scores.set([-800, 800, 800, -800, 0]);
    // Rows 1 and 2 lose 800 each, rows 3 and 4 nothing to double precision, row 5 log 2.
    expect(kernel.loss()).toBeCloseTo((1600 + Math.LN2) / 5, 10);
  });

  it("the kernel's walk adds every tree's values as the JavaScript walk does, for every output of a multiclass model", () => {
    // Categories, missing values and numeric splits; 3 classes; an odd row count (the walk's tail).
    const train = synthetic(3_001, "multiclass", 4);
    const valid = synthetic(1_003, "multiclass", 5);
    const model = trainModel("gbdt", "multiclass", train, { numTrees: 8, maxDepth: 6 }, { numClasses: 3 }) as GbdtModel;
    const rows = binRows(valid, fitBinning(train, 255));
    const grads = gradientsFor("multi:softmax");
    const kernel = wasmValidationSet(rows, valid.label, 3, "multi:softmax", grads);
    const twin = jsValidationSet(rows, valid.label, 3, grads);
    if (!kernel) throw new Error("no WebAssembly");
    model.trees.forEach((tree, t) => {
      kernel.addTree(tree, t % 3);
      twin.addTree(tree, t % 3);
    });
    expect(new Set(twin.scores).size).toBeGreaterThan(100);
    expect(kernel.scores).toEqual(twin.scores);
    expect(Object.is(kernel.loss(), twin.loss())).toBe(true);
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
