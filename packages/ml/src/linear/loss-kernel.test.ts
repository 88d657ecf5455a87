// The WebAssembly logistic loss (loss-kernel.ts, wasm/linear.ts) gives the bits of its JavaScript
// reference (binaryLoss in logistic.ts): the loss, every gradient entry, and so whole models.
import { afterEach, expect, it } from "vitest";
import { serializeModel } from "../model/format.ts";
import { synthetic } from "../test-data.ts";
import { trainModel } from "../train-model.ts";
import { encodeAll, fitEncoder } from "./encoder.ts";
import { binaryLoss } from "./logistic.ts";
import { binaryLossKernel } from "./loss-kernel.ts";

afterEach(() => {
  delete process.env.ROUNDHOUSE_LINEAR_KERNEL;
});

it.each([4_001, 4_000, 1])("loss and gradient are bit-identical to the JavaScript loop (%i rows, with categories)", (rows) => {
  const data = synthetic(rows, "binary", 7);
  const encoder = fitEncoder(data);
  const F = encoder.kind.length;
  const D = encoder.width;
  expect(encoder.kind).toContain("categorical");
  const kernel = binaryLossKernel(data.label, F, D);
  if (!kernel) throw new Error("the WebAssembly loss kernel is unavailable");
  const { cols, vals } = encodeAll(encoder, data, kernel);
  // Weights large enough that scores reach both signs and the far tails of the sigmoid.
  const w = Float64Array.from({ length: D + 1 }, (_, i) => Math.sin(i * 1.7) * 3);
  const fromKernel = new Float64Array(D + 1);
  const fromLoop = new Float64Array(D + 1);
  const loss = kernel.evaluate(w, fromKernel);
  expect(binaryLoss(w, fromLoop, cols, vals, data.label, data.rows, F, D)).toBe(loss);
  expect(Array.from(fromKernel)).toEqual(Array.from(fromLoop));
  expect(fromKernel.some((g) => g !== 0)).toBe(true);
});

it("a logistic regression is the same model, byte for byte, with the kernel and without", () => {
  const data = synthetic(3_000, "binary", 11);
  const fit = () => serializeModel(trainModel("logistic_regression", "binary", data, {}), { name: "y" });
  const withKernel = fit();
  process.env.ROUNDHOUSE_LINEAR_KERNEL = "js";
  expect(fit()).toBe(withKernel);
});
