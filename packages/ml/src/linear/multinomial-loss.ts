// The multinomial loss (softmax over K scores per row) over rows encoded once by encodeBlocks, as a
// function of the weights that L-BFGS evaluates many times. Weights and gradient are held by design
// column (the K numbers of a column side by side) while rows are read, so each value read updates
// contiguous numbers. Three kernels give the same bits:
// - "wasm" (wasm/linear.ts, up to 16 classes): a row's scores in vector registers, two classes a
//   lane pair (80k rows × 54 features, 7 classes: 0.95 s a fit, 2.2 s with the generated pass);
// - "generated" (multinomial-kernel.ts, up to 16 classes): the classes unrolled in JavaScript;
// - "loop": any class count, the reference.
// ROUNDHOUSE_LINEAR_KERNEL=js, no WebAssembly or rows beyond its 4 GiB fall back to JavaScript.
import type { Dataset } from "../dataset.ts";
import { LINEAR_WASM_BASE64 } from "../wasm/linear-wasm.ts";
import { compileOnce, instanceWithMemory } from "../wasm/webassembly.ts";
import { type Encoder, encodeBlocks, encodedRows, numericFeatures } from "./encoder.ts";
import { generatedMultinomialPass, multinomialPass } from "./multinomial-kernel.ts";

export type MultinomialKernel = "wasm" | "generated" | "loop";

/** Sets grad (K·D weights, then K intercepts, as w) to the loss's gradient at w; returns the loss. */
export type MultinomialLoss = (w: Float64Array, grad: Float64Array) => number;

interface MultinomialExports {
  multinomialLoss(...args: number[]): number;
}

const linearModule = compileOnce(LINEAR_WASM_BASE64);
/** The WebAssembly kernel's instances go up to 8 pairs of classes. */
const MAX_WASM_CLASSES = 16;

/** The loss with the fastest kernel that runs here, or with the one named (null if it cannot run). */
export function multinomialLoss(encoder: Encoder, data: Dataset, K: number): MultinomialLoss;
export function multinomialLoss(encoder: Encoder, data: Dataset, K: number, kernel: MultinomialKernel): MultinomialLoss | null;
export function multinomialLoss(encoder: Encoder, data: Dataset, K: number, kernel?: MultinomialKernel): MultinomialLoss | null {
  if (kernel === "wasm" || (kernel === undefined && process.env.ROUNDHOUSE_LINEAR_KERNEL !== "js")) {
    const loss = wasmLoss(encoder, data, K);
    if (loss || kernel === "wasm") return loss;
  }
  const pass = kernel === "loop" ? multinomialPass(K) : generatedMultinomialPass(K);
  if (pass) return jsLoss(encoder, data, K, pass);
  return kernel === "generated" ? null : jsLoss(encoder, data, K, multinomialPass(K));
}

function jsLoss(encoder: Encoder, data: Dataset, K: number, pass: ReturnType<typeof multinomialPass>): MultinomialLoss {
  const [D, n] = [encoder.width, data.rows];
  const rows = encodedRows(encoder, data);
  // By design column: wt[c·K + k]; column D + 1 (no category) keeps weight 0, and column D is unused.
  const wt = new Float64Array((D + 2) * K);
  const gt = new Float64Array((D + 2) * K);
  const numBase = Int32Array.from(rows.numCols, (c) => c * K);
  const gIntercept = new Float64Array(K);
  return (w, grad) => {
    toColumns(w, wt, K, K, D);
    gt.fill(0);
    gIntercept.fill(0);
    const loss = pass(wt, w.subarray(K * D, K * D + K), gt, gIntercept, rows.dense, rows.codes, numBase, data.label, n);
    fromColumns(gt, gIntercept, grad, K, K, D);
    return loss;
  };
}

/** The WebAssembly loss, or null where it cannot run. Classes are padded to an even count (stride). */
function wasmLoss(encoder: Encoder, data: Dataset, K: number): MultinomialLoss | null {
  if (K > MAX_WASM_CLASSES) return null;
  const [D, n] = [encoder.width, data.rows];
  const numeric = numericFeatures(encoder);
  const Fn = numeric.length;
  const Fc = encoder.kind.length - Fn;
  const stride = K + (K % 2);
  // Layout: the f64 arrays first (16-byte aligned: stride is even), then the 32-bit ones.
  const columnsBytes = 8 * (D + 2) * stride;
  const at = { wt: 0, gt: columnsBytes, intercept: 2 * columnsBytes, gIntercept: 0, scratch: 0, y: 0, numBase: 0, dense: 0, codes: 0 };
  at.gIntercept = at.intercept + 8 * stride;
  at.scratch = at.gIntercept + 8 * stride;
  at.y = at.scratch + 8 * stride;
  at.numBase = at.y + 8 * n;
  at.dense = at.numBase + 4 * Fn;
  at.codes = at.dense + 4 * n * Fn;
  const bytes = at.codes + 4 * n * Fc;
  const instance = instanceWithMemory<MultinomialExports>(linearModule(), bytes);
  if (!instance) return null;
  const { exports: kernel, buffer } = instance;
  const f64 = (offset: number, length: number) => new Float64Array(buffer, offset, length);
  const [wt, gt, intercept, gIntercept] = [
    f64(at.wt, (D + 2) * stride),
    f64(at.gt, (D + 2) * stride),
    f64(at.intercept, stride),
    f64(at.gIntercept, stride),
  ];
  f64(at.y, n).set(data.label);
  new Uint32Array(buffer, at.numBase, Fn).set(numeric.map((c) => 8 * c * stride));
  encodeBlocks(encoder, data, {
    dense: new Float32Array(buffer, at.dense, n * Fn),
    codes: new Uint32Array(buffer, at.codes, n * Fc),
  });
  return (w, grad) => {
    toColumns(w, wt, K, stride, D);
    intercept.set(w.subarray(K * D, K * D + K));
    gt.fill(0);
    gIntercept.fill(0);
    const { scratch, y, numBase, dense, codes } = at;
    const loss = kernel.multinomialLoss(at.wt, at.intercept, at.gt, at.gIntercept, dense, codes, numBase, y, scratch, n, Fn, Fc, K);
    fromColumns(gt, gIntercept, grad, K, stride, D);
    return loss;
  };
}

/** w (class by class: w[k·D + c]) into wt by design column (wt[c·stride + k]). */
function toColumns(w: Float64Array, wt: Float64Array, K: number, stride: number, D: number) {
  for (let k = 0; k < K; k++) for (let c = 0; c < D; c++) wt[c * stride + k] = w[k * D + c] as number;
}

/** The gradient by design column back into grad's order (as w's), intercepts last. */
function fromColumns(gt: Float64Array, gIntercept: Float64Array, grad: Float64Array, K: number, stride: number, D: number) {
  for (let k = 0; k < K; k++) {
    for (let c = 0; c < D; c++) grad[k * D + c] = gt[c * stride + k] as number;
    grad[K * D + k] = gIntercept[k] as number;
  }
}
