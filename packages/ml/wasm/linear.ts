// AssemblyScript source of the WebAssembly kernels of logistic regression (`pnpm --filter
// @roundhouse/ml build:wasm` compiles it into src/wasm/linear-wasm.ts): the binary and the
// multinomial loss and their gradients over rows encoded once by src/linear/encoder.ts's
// encodeBlocks (per row, the numeric features' standardized values, then the categorical
// features' design columns), in a memory the fit lays out (src/linear/loss-kernel.ts,
// src/linear/multinomial-loss.ts). Each does what its JavaScript reference does (binaryLoss in
// loss-kernel.ts, multinomialPass in multinomial-kernel.ts), the same operations in the same
// order, so both give the same bits. The binary loss takes the exponential and the logarithm of two
// rows in the two lanes of f64x2; the multinomial loss holds two classes a lane pair.
// Arguments are byte offsets into the memory.
import { gradientExpX2, log1pUnitX2 } from "./math";

const LN2: f64 = 0.6931471805599453;

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

/** log(x) for x >= 1 (the softmax's sum of exponentials), as src/linear/log1p.ts's logAboveOne: halve to [1, 2), then log1p. */
// @ts-ignore: decorator
@inline
function logAboveOne(x: f64): f64 {
  let e: f64 = 0;
  let m = x;
  while (m >= 2) {
    m *= 0.5;
    e += 1;
  }
  return e * LN2 + f64x2.extract_lane(log1pUnitX2(f64x2.splat(m - 1)), 0);
}

/**
 * The multinomial loss's pass for P pairs of classes (a constant where it is inlined, so each
 * instance keeps a row's 2P scores in P vector registers). Classes are padded to 2P: a padded
 * lane's score, exponential and residual are computed and never read (the max, the sum and the
 * loss run over the K real classes, one after the other, as the JavaScript loop does).
 */
// @ts-ignore: decorator
@inline
function softmaxRows(P: i32, wt: usize, intercept: usize, gt: usize, gIntercept: usize, dense: usize, codes: usize, numBase: usize, y: usize, scratch: usize, n: i32, Fn: i32, Fc: i32, K: i32): f64 {
  const stride = <usize>P << 4;
  let loss: f64 = 0;
  for (let i = 0; i < n; i++) {
    const values = dense + ((<usize>i * <usize>Fn) << 2);
    const columns = codes + ((<usize>i * <usize>Fc) << 2);
    let z0 = v128.load(intercept);
    let z1 = P > 1 ? v128.load(intercept, 16) : z0;
    let z2 = P > 2 ? v128.load(intercept, 32) : z0;
    let z3 = P > 3 ? v128.load(intercept, 48) : z0;
    let z4 = P > 4 ? v128.load(intercept, 64) : z0;
    let z5 = P > 5 ? v128.load(intercept, 80) : z0;
    let z6 = P > 6 ? v128.load(intercept, 96) : z0;
    let z7 = P > 7 ? v128.load(intercept, 112) : z0;
    for (let j = 0; j < Fn; j++) {
      const x = f64x2.splat(<f64>load<f32>(values + (<usize>j << 2)));
      const w = wt + <usize>load<u32>(numBase + (<usize>j << 2));
      z0 = f64x2.add(z0, f64x2.mul(v128.load(w), x));
      if (P > 1) z1 = f64x2.add(z1, f64x2.mul(v128.load(w, 16), x));
      if (P > 2) z2 = f64x2.add(z2, f64x2.mul(v128.load(w, 32), x));
      if (P > 3) z3 = f64x2.add(z3, f64x2.mul(v128.load(w, 48), x));
      if (P > 4) z4 = f64x2.add(z4, f64x2.mul(v128.load(w, 64), x));
      if (P > 5) z5 = f64x2.add(z5, f64x2.mul(v128.load(w, 80), x));
      if (P > 6) z6 = f64x2.add(z6, f64x2.mul(v128.load(w, 96), x));
      if (P > 7) z7 = f64x2.add(z7, f64x2.mul(v128.load(w, 112), x));
    }
    for (let j = 0; j < Fc; j++) {
      const w = wt + <usize>load<u32>(columns + (<usize>j << 2)) * stride;
      z0 = f64x2.add(z0, v128.load(w));
      if (P > 1) z1 = f64x2.add(z1, v128.load(w, 16));
      if (P > 2) z2 = f64x2.add(z2, v128.load(w, 32));
      if (P > 3) z3 = f64x2.add(z3, v128.load(w, 48));
      if (P > 4) z4 = f64x2.add(z4, v128.load(w, 64));
      if (P > 5) z5 = f64x2.add(z5, v128.load(w, 80));
      if (P > 6) z6 = f64x2.add(z6, v128.load(w, 96));
      if (P > 7) z7 = f64x2.add(z7, v128.load(w, 112));
    }
    v128.store(scratch, z0);
    if (P > 1) v128.store(scratch, z1, 16);
    if (P > 2) v128.store(scratch, z2, 32);
    if (P > 3) v128.store(scratch, z3, 48);
    if (P > 4) v128.store(scratch, z4, 64);
    if (P > 5) v128.store(scratch, z5, 80);
    if (P > 6) v128.store(scratch, z6, 96);
    if (P > 7) v128.store(scratch, z7, 112);
    const label = <usize>(<i32>load<f64>(y + (<usize>i << 3))) << 3;
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, load<f64>(scratch + (<usize>k << 3)));
    const zy = load<f64>(scratch + label);
    const top = f64x2.splat(max);
    let r0 = gradientExpX2(f64x2.sub(z0, top));
    let r1 = P > 1 ? gradientExpX2(f64x2.sub(z1, top)) : r0;
    let r2 = P > 2 ? gradientExpX2(f64x2.sub(z2, top)) : r0;
    let r3 = P > 3 ? gradientExpX2(f64x2.sub(z3, top)) : r0;
    let r4 = P > 4 ? gradientExpX2(f64x2.sub(z4, top)) : r0;
    let r5 = P > 5 ? gradientExpX2(f64x2.sub(z5, top)) : r0;
    let r6 = P > 6 ? gradientExpX2(f64x2.sub(z6, top)) : r0;
    let r7 = P > 7 ? gradientExpX2(f64x2.sub(z7, top)) : r0;
    v128.store(scratch, r0);
    if (P > 1) v128.store(scratch, r1, 16);
    if (P > 2) v128.store(scratch, r2, 32);
    if (P > 3) v128.store(scratch, r3, 48);
    if (P > 4) v128.store(scratch, r4, 64);
    if (P > 5) v128.store(scratch, r5, 80);
    if (P > 6) v128.store(scratch, r6, 96);
    if (P > 7) v128.store(scratch, r7, 112);
    let sum: f64 = 0;
    for (let k = 0; k < K; k++) sum += load<f64>(scratch + (<usize>k << 3));
    loss += logAboveOne(sum) + max - zy;
    // The residuals: softmax minus the one-hot label.
    const total = f64x2.splat(sum);
    v128.store(scratch, f64x2.div(r0, total));
    if (P > 1) v128.store(scratch, f64x2.div(r1, total), 16);
    if (P > 2) v128.store(scratch, f64x2.div(r2, total), 32);
    if (P > 3) v128.store(scratch, f64x2.div(r3, total), 48);
    if (P > 4) v128.store(scratch, f64x2.div(r4, total), 64);
    if (P > 5) v128.store(scratch, f64x2.div(r5, total), 80);
    if (P > 6) v128.store(scratch, f64x2.div(r6, total), 96);
    if (P > 7) v128.store(scratch, f64x2.div(r7, total), 112);
    store<f64>(scratch + label, load<f64>(scratch + label) - 1);
    r0 = v128.load(scratch);
    if (P > 1) r1 = v128.load(scratch, 16);
    if (P > 2) r2 = v128.load(scratch, 32);
    if (P > 3) r3 = v128.load(scratch, 48);
    if (P > 4) r4 = v128.load(scratch, 64);
    if (P > 5) r5 = v128.load(scratch, 80);
    if (P > 6) r6 = v128.load(scratch, 96);
    if (P > 7) r7 = v128.load(scratch, 112);
    v128.store(gIntercept, f64x2.add(v128.load(gIntercept), r0));
    if (P > 1) v128.store(gIntercept, f64x2.add(v128.load(gIntercept, 16), r1), 16);
    if (P > 2) v128.store(gIntercept, f64x2.add(v128.load(gIntercept, 32), r2), 32);
    if (P > 3) v128.store(gIntercept, f64x2.add(v128.load(gIntercept, 48), r3), 48);
    if (P > 4) v128.store(gIntercept, f64x2.add(v128.load(gIntercept, 64), r4), 64);
    if (P > 5) v128.store(gIntercept, f64x2.add(v128.load(gIntercept, 80), r5), 80);
    if (P > 6) v128.store(gIntercept, f64x2.add(v128.load(gIntercept, 96), r6), 96);
    if (P > 7) v128.store(gIntercept, f64x2.add(v128.load(gIntercept, 112), r7), 112);
    for (let j = 0; j < Fn; j++) {
      const x = f64x2.splat(<f64>load<f32>(values + (<usize>j << 2)));
      const g = gt + <usize>load<u32>(numBase + (<usize>j << 2));
      v128.store(g, f64x2.add(v128.load(g), f64x2.mul(r0, x)));
      if (P > 1) v128.store(g, f64x2.add(v128.load(g, 16), f64x2.mul(r1, x)), 16);
      if (P > 2) v128.store(g, f64x2.add(v128.load(g, 32), f64x2.mul(r2, x)), 32);
      if (P > 3) v128.store(g, f64x2.add(v128.load(g, 48), f64x2.mul(r3, x)), 48);
      if (P > 4) v128.store(g, f64x2.add(v128.load(g, 64), f64x2.mul(r4, x)), 64);
      if (P > 5) v128.store(g, f64x2.add(v128.load(g, 80), f64x2.mul(r5, x)), 80);
      if (P > 6) v128.store(g, f64x2.add(v128.load(g, 96), f64x2.mul(r6, x)), 96);
      if (P > 7) v128.store(g, f64x2.add(v128.load(g, 112), f64x2.mul(r7, x)), 112);
    }
    for (let j = 0; j < Fc; j++) {
      const g = gt + <usize>load<u32>(columns + (<usize>j << 2)) * stride;
      v128.store(g, f64x2.add(v128.load(g), r0));
      if (P > 1) v128.store(g, f64x2.add(v128.load(g, 16), r1), 16);
      if (P > 2) v128.store(g, f64x2.add(v128.load(g, 32), r2), 32);
      if (P > 3) v128.store(g, f64x2.add(v128.load(g, 48), r3), 48);
      if (P > 4) v128.store(g, f64x2.add(v128.load(g, 64), r4), 64);
      if (P > 5) v128.store(g, f64x2.add(v128.load(g, 80), r5), 80);
      if (P > 6) v128.store(g, f64x2.add(v128.load(g, 96), r6), 96);
      if (P > 7) v128.store(g, f64x2.add(v128.load(g, 112), r7), 112);
    }
  }
  return loss;
}

/**
 * Sum over rows of log(Σ_k e^{z_k}) − z_y with z = W·x + b, K classes (at most 16), and its gradient
 * added to gt and gIntercept. Weights by design column, 2P a column (P = ⌈K/2⌉ pairs of classes,
 * the padding 0): wt (D + 2 columns, the last the no-category column), gt the same; intercept and
 * gIntercept 2P. numBase: Fn u32, the byte offsets of the numeric features' columns in wt (and gt);
 * dense: n·Fn f32; codes: n·Fc u32 design columns; y: n f64 class indices; scratch: 2P f64.
 * The same operations in the same order as src/linear/multinomial-kernel.ts's multinomialPass.
 */
export function multinomialLoss(wt: usize, intercept: usize, gt: usize, gIntercept: usize, dense: usize, codes: usize, numBase: usize, y: usize, scratch: usize, n: i32, Fn: i32, Fc: i32, K: i32): f64 {
  const P = (K + 1) >> 1;
  if (P == 1) return softmaxRows(1, wt, intercept, gt, gIntercept, dense, codes, numBase, y, scratch, n, Fn, Fc, K);
  if (P == 2) return softmaxRows(2, wt, intercept, gt, gIntercept, dense, codes, numBase, y, scratch, n, Fn, Fc, K);
  if (P == 3) return softmaxRows(3, wt, intercept, gt, gIntercept, dense, codes, numBase, y, scratch, n, Fn, Fc, K);
  if (P == 4) return softmaxRows(4, wt, intercept, gt, gIntercept, dense, codes, numBase, y, scratch, n, Fn, Fc, K);
  if (P == 5) return softmaxRows(5, wt, intercept, gt, gIntercept, dense, codes, numBase, y, scratch, n, Fn, Fc, K);
  if (P == 6) return softmaxRows(6, wt, intercept, gt, gIntercept, dense, codes, numBase, y, scratch, n, Fn, Fc, K);
  if (P == 7) return softmaxRows(7, wt, intercept, gt, gIntercept, dense, codes, numBase, y, scratch, n, Fn, Fc, K);
  if (P == 8) return softmaxRows(8, wt, intercept, gt, gIntercept, dense, codes, numBase, y, scratch, n, Fn, Fc, K);
  return NaN;
}
