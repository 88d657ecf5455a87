// The scores of the rows a boosted fit validates on (a job's `data.validation`, early stopping)
// and their loss after each round. The logistic loss of 50k rows by Math.exp and Math.log took
// ~22 ns a row in JavaScript, a tenth of a 200-tree fit; in WebAssembly, two rows at a time,
// the scores already in the kernel's memory (the trees' values are added to them there).
import { fitKernelVariant } from "../tree/histogram-kernel.ts";
import { LOSS_WASM_BASE64 } from "../wasm/loss-wasm.ts";
import { compileOnce, instanceWithMemory } from "../wasm/webassembly.ts";
import { type Gradients, logisticLossSum, type Objective } from "./objectives.ts";

interface LossExports {
  logisticLossSum(scores: number, label: number, n: number): number;
}

const lossModule = compileOnce(LOSS_WASM_BASE64);

export interface ValidationSet {
  /** Row i's score for output k at scores[i * K + k], starting at the base scores. */
  scores: Float64Array;
  /** The mean loss of the scores as they are now. */
  loss(): number;
}

export function validationSet(label: Float64Array, K: number, base: number[], objective: Objective, grads: Gradients): ValidationSet {
  const n = label.length;
  const kernel = objective === "binary:logistic" ? wasmLogisticLoss(label) : null;
  const scores = kernel?.scores ?? new Float64Array(n * K);
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) scores[i * K + k] = base[k] as number;
  return { scores, loss: kernel?.loss ?? (() => grads.loss(scores, label, K, n)) };
}

/**
 * The scores (K = 1) and labels in the loss kernel's memory, and their mean loss by it; null where
 * it cannot run (no WebAssembly) or another fit kernel was chosen (ROUNDHOUSE_FIT_KERNEL): then
 * objectives.ts's twin, with the same bits.
 */
export function wasmLogisticLoss(label: Float64Array): ValidationSet | null {
  if (fitKernelVariant() !== "wasm") return null;
  const n = label.length;
  const instance = instanceWithMemory<LossExports>(lossModule(), 16 * n);
  if (!instance) return null;
  const scores = new Float64Array(instance.buffer, 0, n);
  new Float64Array(instance.buffer, 8 * n, n).set(label);
  const { exports } = instance;
  return { scores, loss: () => exports.logisticLossSum(0, 8 * n, n) / n };
}

/** The twin of wasmLogisticLoss's loss in JavaScript (for the test that compares them). */
export const jsLogisticLoss = (scores: Float64Array, label: Float64Array) => logisticLossSum(scores, label, label.length) / label.length;
