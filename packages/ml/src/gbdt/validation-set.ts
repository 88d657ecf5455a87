// The rows a boosted fit validates on (a job's `data.validation`, early stopping): their scores,
// each new tree's values added to them, and their loss after each round. In WebAssembly where it
// can run (wasm/validation.ts), the rows' bins, scores and labels in its memory: the walk down each
// tree takes eight rows at a time, and the logistic loss two (Math.exp and Math.log took ~22 ns a
// row, a tenth of a 200-tree fit with 50k validation rows). Otherwise their JavaScript twins, which
// give the same bits.
import { addTreeValues, WALK_LAYOUT_BYTES, wasmWalk } from "../tree/binned-scoring.ts";
import type { BinnedRows } from "../tree/binning.ts";
import type { WalkExports } from "../tree/fitting-kernels.ts";
import { fitKernelVariant } from "../tree/histogram-kernel.ts";
import type { Tree } from "../tree/tree.ts";
import { VALIDATION_WASM_BASE64 } from "../wasm/validation-wasm.ts";
import { compileOnce, instanceWithMemory } from "../wasm/webassembly.ts";
import type { Gradients, Objective } from "./objectives.ts";

interface ValidationExports extends WalkExports {
  logisticLossSum(scores: number, label: number, n: number): number;
}

const validationModule = compileOnce(VALIDATION_WASM_BASE64);

export interface ValidationSet {
  /** Row i's score for output k at scores[k * n + i] (by output, as a fit's: objectives.ts Gradients), starting at the base scores. */
  scores: Float64Array;
  /** Adds output k's new tree's values to the scores. */
  addTree(tree: Tree, k: number): void;
  /** The mean loss of the scores as they are now. */
  loss(): number;
}

export function validationSet(
  rows: BinnedRows,
  label: Float64Array,
  K: number,
  base: number[],
  objective: Objective,
  grads: Gradients,
): ValidationSet {
  const set = wasmValidationSet(rows, label, K, objective, grads) ?? jsValidationSet(rows, label, K, grads);
  const { scores } = set;
  for (let k = 0; k < K; k++) scores.fill(base[k] as number, k * rows.n, (k + 1) * rows.n);
  return set;
}

export function jsValidationSet(rows: BinnedRows, label: Float64Array, K: number, grads: Gradients): ValidationSet {
  const scores = new Float64Array(rows.n * K);
  return {
    scores,
    addTree: (tree, k) => addTreeValues(tree, rows, scores.subarray(k * rows.n, (k + 1) * rows.n), 1, 0),
    loss: () => grads.loss(scores, label, K, rows.n),
  };
}

/**
 * The validation set in the kernel's memory; null where it cannot run (no WebAssembly) or another
 * fit kernel was chosen (ROUNDHOUSE_FIT_KERNEL): then the JavaScript twins, with the same bits.
 * The logistic loss is the kernel's; the other objectives' losses are objectives.ts's.
 */
export function wasmValidationSet(
  rows: BinnedRows,
  label: Float64Array,
  K: number,
  objective: Objective,
  grads: Gradients,
): ValidationSet | null {
  if (fitKernelVariant() !== "wasm") return null;
  const { n, F } = rows;
  // The 8-byte arrays first, then the tree's layout, then the bins: every array aligned.
  const at = { scores: 0, label: 8 * n * K, walk: 8 * n * (K + 1), bins: 8 * n * (K + 1) + WALK_LAYOUT_BYTES };
  const instance = instanceWithMemory<ValidationExports>(validationModule(), at.bins + n * F);
  if (!instance) return null;
  const { exports: kernel, buffer } = instance;
  const scores = new Float64Array(buffer, at.scores, n * K);
  new Float64Array(buffer, at.label, n).set(label);
  new Uint8Array(buffer, at.bins, n * F).set(rows.bins.subarray(0, n * F));
  const walk = wasmWalk(kernel, buffer, at.walk);
  return {
    scores,
    addTree(tree, k) {
      if (!walk(tree, at.bins, F, 0, n, at.scores + k * n * 8, 1, 0)) addTreeValues(tree, rows, scores.subarray(k * n, (k + 1) * n), 1, 0);
    },
    loss:
      objective === "binary:logistic" ? () => kernel.logisticLossSum(at.scores, at.label, n) / n : () => grads.loss(scores, label, K, n),
  };
}
