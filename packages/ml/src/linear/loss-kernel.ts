// The binary logistic loss over rows encoded once (encoder.ts's encodeBlocks), evaluated many
// times by L-BFGS. In WebAssembly (wasm/linear.ts) where it runs: the encoded rows, labels,
// weights and gradient live in one memory the kernel reads directly, so an evaluation is one call
// with no bounds checks (200k flights rows: 1.1 s of JavaScript per fit). binaryLoss below is its
// fallback and reference (same operations, same bits), used when ROUNDHOUSE_LINEAR_KERNEL=js, when
// WebAssembly is unavailable or the rows do not fit in its 4 GiB.
import { gradientExp } from "../gbdt/exp.ts";
import { LINEAR_WASM_BASE64 } from "../wasm/linear-wasm.ts";
import { compileOnce, instanceWithMemory } from "../wasm/webassembly.ts";
import { type Encoder, numericFeatures } from "./encoder.ts";
import { log1pUnit } from "./log1p.ts";

interface LinearExports {
  binaryLoss(...args: number[]): number;
}

/** The rows as encodeBlocks lays them out, and the labels. */
export interface LossRows {
  n: number;
  /** The numeric features' design columns, in feature order. */
  numCols: Uint32Array;
  /** n × numCols.length standardized numeric values. */
  dense: Float32Array;
  /** n × (categorical features) design columns; D + 1 for a missing or unseen category. */
  codes: Uint32Array;
  y: Float64Array;
}

export interface BinaryLoss {
  /** To be filled by encodeBlocks before the first evaluation. */
  rows: LossRows;
  /** The loss at w (D weights, then the intercept); sets grad (D + 1) to its gradient. */
  evaluate(w: Float64Array, grad: Float64Array): number;
}

const linearModule = compileOnce(LINEAR_WASM_BASE64);

/** The loss for these labels and this encoder's rows: in WebAssembly where it can run, else JavaScript. */
export function binaryLossFor(encoder: Encoder, label: Float64Array): BinaryLoss {
  return wasmBinaryLoss(encoder, label) ?? jsBinaryLoss(encoder, label);
}

function jsBinaryLoss(encoder: Encoder, label: Float64Array): BinaryLoss {
  const D = encoder.width;
  const numCols = Uint32Array.from(numericFeatures(encoder));
  const n = label.length;
  const Fc = encoder.kind.length - numCols.length;
  const rows = { n, numCols, dense: new Float32Array(n * numCols.length), codes: new Uint32Array(n * Fc), y: label };
  // D + 2 weights: the intercept at D, and the no-category column at D + 1 (weight 0).
  const w = new Float64Array(D + 2);
  const grad = new Float64Array(D + 2);
  return {
    rows,
    evaluate(weights, gradient) {
      w.set(weights.subarray(0, D + 1));
      grad.fill(0);
      const loss = binaryLoss(w, grad, rows, D);
      gradient.set(grad.subarray(0, D + 1));
      return loss;
    },
  };
}

/** The WebAssembly loss, or null where it cannot run (exported for the tests that compare it with binaryLoss). */
export function wasmBinaryLoss(encoder: Encoder, label: Float64Array): BinaryLoss | null {
  if (process.env.ROUNDHOUSE_LINEAR_KERNEL === "js") return null;
  const module = linearModule();
  const D = encoder.width;
  const numeric = numericFeatures(encoder);
  const [n, Fn] = [label.length, numeric.length];
  const Fc = encoder.kind.length - Fn;
  // Layout: the f64 arrays first (aligned), then the 32-bit ones.
  const at = { w: 0, grad: 8 * (D + 2), y: 16 * (D + 2), numCols: 16 * (D + 2) + 8 * n, dense: 0, codes: 0 };
  at.dense = at.numCols + 4 * Fn;
  at.codes = at.dense + 4 * n * Fn;
  const bytes = at.codes + 4 * n * Fc;
  const instance = instanceWithMemory<LinearExports>(module, bytes);
  if (!instance) return null;
  const { exports: kernel, buffer } = instance;
  const w = new Float64Array(buffer, at.w, D + 2);
  const grad = new Float64Array(buffer, at.grad, D + 2);
  const rows = {
    n,
    numCols: new Uint32Array(buffer, at.numCols, Fn),
    dense: new Float32Array(buffer, at.dense, n * Fn),
    codes: new Uint32Array(buffer, at.codes, n * Fc),
    y: new Float64Array(buffer, at.y, n),
  };
  rows.numCols.set(numeric);
  rows.y.set(label);
  return {
    rows,
    evaluate(weights, gradient) {
      w.set(weights.subarray(0, D + 1));
      grad.fill(0);
      const loss = kernel.binaryLoss(at.w, at.grad, at.numCols, at.dense, at.codes, at.y, n, Fn, Fc, D);
      gradient.set(grad.subarray(0, D + 1));
      return loss;
    },
  };
}

/**
 * The binary loss, sum over rows of log(1 + e^s) − y·s with s = w·x + b (b = w[D]), and its
 * gradient added to grad (both D + 2 long; w[D + 1] = 0 for the no-category column). One score
 * per row and one exponential: with the multinomial loop run for one class, a 200k-row fit took
 * 2.9 s instead of 2.2 s. The reference of the WebAssembly kernel.
 */
export function binaryLoss(w: Float64Array, grad: Float64Array, rows: LossRows, D: number): number {
  const { n, numCols, dense, codes, y } = rows;
  const Fn = numCols.length;
  const Fc = n ? codes.length / n : 0;
  const b = w[D] as number;
  let loss = 0;
  let gb = 0;
  for (let i = 0; i < n; i++) {
    let s = b;
    for (let j = 0; j < Fn; j++) s += (w[numCols[j] as number] as number) * (dense[i * Fn + j] as number);
    for (let j = 0; j < Fc; j++) s += w[codes[i * Fc + j] as number] as number;
    // One exponential per row for both the loss and the gradient: with e = exp(-|s|),
    // log(1 + e^s) = max(s, 0) + log1p(e) and the sigmoid is 1/(1 + e) or e/(1 + e), all stable.
    const e = gradientExp(-Math.abs(s));
    const yi = y[i] as number;
    loss += Math.max(s, 0) + log1pUnit(e) - yi * s;
    const r = (s >= 0 ? 1 : e) / (1 + e) - yi;
    for (let j = 0; j < Fn; j++) {
      const c = numCols[j] as number;
      grad[c] = (grad[c] as number) + r * (dense[i * Fn + j] as number);
    }
    for (let j = 0; j < Fc; j++) {
      const c = codes[i * Fc + j] as number;
      grad[c] = (grad[c] as number) + r;
    }
    gb += r;
  }
  grad[D] = (grad[D] as number) + gb;
  return loss;
}
