// AssemblyScript source of the WebAssembly kernel of logistic regression (`pnpm --filter
// @roundhouse/ml build:wasm` compiles it into src/wasm/linear-wasm.ts): the binary loss and its
// gradient over rows encoded once by src/linear/encoder.ts's encodeBlocks (per row, the numeric
// features' standardized values, then the categorical features' design columns), in a memory the
// fit lays out (src/linear/loss-kernel.ts). It does what binaryLoss in src/linear/loss-kernel.ts
// does, the same operations in the same order, so both give the same bits; the exponential and
// the logarithm of two rows run in the two lanes of f64x2.
// Arguments are byte offsets into the memory.
import { gradientExpX2, log1pUnitX2 } from "./math";

// @ts-ignore: decorator (AssemblyScript: inline into every caller)
@inline
function score(w: usize, numCols: usize, dense: usize, codes: usize, i: usize, Fn: i32, Fc: i32, b: f64): f64 {
  let s = b;
  const values = dense + ((i * <usize>Fn) << 2);
  for (let j = 0; j < Fn; j++) {
    const c = <usize>load<u32>(numCols + (<usize>j << 2));
    s += load<f64>(w + (c << 3)) * <f64>load<f32>(values + (<usize>j << 2));
  }
  const columns = codes + ((i * <usize>Fc) << 2);
  for (let j = 0; j < Fc; j++) s += load<f64>(w + (<usize>load<u32>(columns + (<usize>j << 2)) << 3));
  return s;
}

// @ts-ignore: decorator
@inline
function addGradient(grad: usize, numCols: usize, dense: usize, codes: usize, i: usize, Fn: i32, Fc: i32, r: f64): void {
  const values = dense + ((i * <usize>Fn) << 2);
  for (let j = 0; j < Fn; j++) {
    const g = grad + (<usize>load<u32>(numCols + (<usize>j << 2)) << 3);
    store<f64>(g, load<f64>(g) + r * <f64>load<f32>(values + (<usize>j << 2)));
  }
  const columns = codes + ((i * <usize>Fc) << 2);
  for (let j = 0; j < Fc; j++) {
    const g = grad + (<usize>load<u32>(columns + (<usize>j << 2)) << 3);
    store<f64>(g, load<f64>(g) + r);
  }
}

/**
 * Sum over rows of log(1 + e^s) − y·s with s = w·x + b (b = w[D]); adds the gradient to grad.
 * w and grad: D + 2 f64, the last a column no category has (missing or unseen), whose weight is
 * 0. numCols: Fn u32, the numeric features' design columns; dense: n·Fn f32 standardized values;
 * codes: n·Fc u32 design columns of the categorical features; y: n f64 labels (0 or 1).
 * One exponential per row: with e = exp(−|s|), log(1 + e^s) = max(s, 0) + log1p(e) and the
 * sigmoid is 1/(1 + e) or e/(1 + e), all stable. Rows are summed in order, one after the other.
 */
export function binaryLoss(w: usize, grad: usize, numCols: usize, dense: usize, codes: usize, y: usize, n: i32, Fn: i32, Fc: i32, D: i32): f64 {
  const b = load<f64>(w + (<usize>D << 3));
  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  let loss: f64 = 0;
  let gb: f64 = 0;
  for (let i = 0; i < n; i += 2) {
    const pair = i + 1 < n;
    const row = <usize>i;
    const s0 = score(w, numCols, dense, codes, row, Fn, Fc, b);
    const s1 = pair ? score(w, numCols, dense, codes, row + 1, Fn, Fc, b) : 0;
    const s = f64x2.replace_lane(f64x2.splat(s0), 1, s1);
    const yi = f64x2.replace_lane(f64x2.splat(load<f64>(y + (row << 3))), 1, pair ? load<f64>(y + (row << 3) + 8) : 0);
    const e = gradientExpX2(f64x2.neg(f64x2.abs(s)));
    const term = f64x2.sub(f64x2.add(f64x2.max(s, zero), log1pUnitX2(e)), f64x2.mul(yi, s));
    const r = f64x2.sub(f64x2.div(v128.bitselect(one, e, f64x2.ge(s, zero)), f64x2.add(one, e)), yi);
    const r0 = f64x2.extract_lane(r, 0);
    loss += f64x2.extract_lane(term, 0);
    addGradient(grad, numCols, dense, codes, row, Fn, Fc, r0);
    gb += r0;
    if (pair) {
      const r1 = f64x2.extract_lane(r, 1);
      loss += f64x2.extract_lane(term, 1);
      addGradient(grad, numCols, dense, codes, row + 1, Fn, Fc, r1);
      gb += r1;
    }
  }
  const g = grad + (<usize>D << 3);
  store<f64>(g, load<f64>(g) + gb);
  return loss;
}
