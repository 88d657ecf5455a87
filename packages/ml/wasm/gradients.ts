// AssemblyScript: the fitting kernels' gradients (fitting.ts exports them), each quantized in the
// same pass: binary:logistic, the regression losses and multi:softmax. Every one computes what its
// JavaScript twin in src/gbdt/objectives.ts and src/gbdt/quantize.ts computes, bit for bit, so every
// kernel variant grows the same trees. Arguments are byte offsets into the memory.
import { EXP32_TABLE_END, gradientExp32, gradientExp32X4, writeExp32Table } from "./math";

/** x rounded to the grid of `scale` (step = 1 / scale), as gbdt/quantize.ts rounds. */
// @ts-ignore: decorator
@inline
function quantizeValue(x: f64, scale: f64, step: f64): f64 {
  return floor(x * scale + 0.5) * step;
}

/**
 * Logistic loss gradients of n rows, quantized, in one pass: g = p - y and h = max(p (1 - p), 1e-16)
 * with p = 1 / (1 + e^-score), in float32 as objectives.ts computes them (1 - p as e^-score p, so
 * neither g nor h loses bits near p = 1), then each rounded to its grid (gScale, hScale) exactly as
 * gbdt/quantize.ts does. The grids come from the largest |g| and h, which are known only after the pass:
 * the caller passes the grids it expects (the last round's), gets the largest values (before
 * rounding) as two f64 at `maxima`, and runs the pass again on the rare round they call for other
 * grids. Four rows at a time in f32x4 lanes, each lane doing the scalar operations of the last rows.
 * `scratch`: this thread's scratch block, where the loop's constants are kept (see math.ts).
 */
export function logisticGradients(
  scores: usize,
  label: usize,
  gh: usize,
  n: i32,
  gScale: f64,
  hScale: f64,
  maxima: usize,
  scratch: usize,
): void {
  writeExp32Table(scratch);
  const table = scratch + EXP32_TABLE_END;
  v128.store(table, f32x4.splat(1), ONE);
  v128.store(table, f32x4.splat(<f32>1e-16), EPS);
  // Grids whose scale and step are ordinary f32 numbers are rounded to in f32 (roundLanes); the
  // f64 rounding otherwise (a model certain of every row, |g| < 2^-80).
  const inSingles = gScale <= GRID_LIMIT && 1 / gScale <= GRID_LIMIT && hScale <= GRID_LIMIT && 1 / hScale <= GRID_LIMIT;
  writeGrids(table, gScale, hScale, inSingles);
  let maxG = f32x4.splat(0);
  let maxH = f32x4.splat(0);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const s = scores + (<usize>i << 3);
    const l = label + (<usize>i << 3);
    const one = v128.load(table, ONE);
    const score = v128.shuffle<i32>(f32x4.demote_f64x2_zero(v128.load(s)), f32x4.demote_f64x2_zero(v128.load(s, 16)), 0, 1, 4, 5);
    const y = v128.shuffle<i32>(f32x4.demote_f64x2_zero(v128.load(l)), f32x4.demote_f64x2_zero(v128.load(l, 16)), 0, 1, 4, 5);
    const e = gradientExp32X4(f32x4.neg(score), scratch);
    const p = f32x4.div(one, f32x4.add(one, e));
    const q = f32x4.mul(e, p);
    const g = v128.bitselect(f32x4.neg(q), f32x4.sub(p, y), f32x4.eq(y, one));
    const h0 = f32x4.mul(p, q);
    const eps = v128.load(table, EPS);
    const h = v128.bitselect(h0, eps, f32x4.gt(h0, eps));
    maxG = f32x4.pmax(maxG, f32x4.abs(g));
    maxH = f32x4.pmax(maxH, h);
    const at = gh + (<usize>i << 3);
    if (inSingles) {
      const gq = roundLanes(g, table, table + G_SCALE, table + G_STEP);
      const hq0 = roundLanes(h, table, table + H_SCALE, table + H_STEP);
      const hStep = v128.load(table, H_STEP);
      const hq = v128.bitselect(hq0, hStep, f32x4.gt(hq0, f32x4.splat(0)));
      // Rows 0, 1 then 2, 3 as (g, h) pairs.
      v128.store(at, v128.shuffle<i32>(gq, hq, 0, 4, 1, 5));
      v128.store(at, v128.shuffle<i32>(gq, hq, 2, 6, 3, 7), 16);
    } else {
      // Rows 0, 1 and rows 2, 3 as f64 pairs, rounded, then stored as (g0, h0, g1, h1), (g2, h2, g3, h3).
      const gs = f64x2.splat(gScale);
      const gStep = f64x2.splat(1 / gScale);
      const hs = f64x2.splat(hScale);
      const hStep = f64x2.splat(1 / hScale);
      const gHi = v128.shuffle<i32>(g, g, 2, 3, 2, 3);
      const hHi = v128.shuffle<i32>(h, h, 2, 3, 2, 3);
      v128.store(at, roundRows(f64x2.promote_low_f32x4(g), f64x2.promote_low_f32x4(h), gs, gStep, hs, hStep));
      v128.store(at, roundRows(f64x2.promote_low_f32x4(gHi), f64x2.promote_low_f32x4(hHi), gs, gStep, hs, hStep), 16);
    }
  }
  let mg = max(max(f32x4.extract_lane(maxG, 0), f32x4.extract_lane(maxG, 1)), max(f32x4.extract_lane(maxG, 2), f32x4.extract_lane(maxG, 3)));
  let mh = max(max(f32x4.extract_lane(maxH, 0), f32x4.extract_lane(maxH, 1)), max(f32x4.extract_lane(maxH, 2), f32x4.extract_lane(maxH, 3)));
  for (; i < n; i++) {
    const y = <f32>load<f64>(label + (<usize>i << 3));
    const e = gradientExp32(-<f32>load<f64>(scores + (<usize>i << 3)));
    const p: f32 = 1 / (1 + e);
    const q = e * p;
    const g: f32 = y == 1 ? -q : p - y;
    const h0 = p * q;
    const h: f32 = h0 > <f32>1e-16 ? h0 : <f32>1e-16;
    if (abs<f32>(g) > mg) mg = abs<f32>(g);
    if (h > mh) mh = h;
    storeRounded(gh + (<usize>i << 3), g, h, gScale, hScale);
  }
  store<f64>(maxima, <f64>mg);
  store<f64>(maxima + 8, <f64>mh);
}

// A gradient kernel's own constants in its table, after gradientExp32X4's.
const ONE: usize = 0;
const EPS: usize = 16;
const HALF: usize = 32;
const G_SCALE: usize = 48;
const G_STEP: usize = 64;
const H_SCALE: usize = 80;
const H_STEP: usize = 96;
/** Grid scales and steps up to this are ordinary f32 numbers, and so are their products with gradients. */
const GRID_LIMIT: f64 = 1.2676506002282294e30; // 2^100

/** The grids' scales and steps as f32 lanes (when `inSingles`), and 0.5. */
// @ts-ignore: decorator
@inline
function writeGrids(table: usize, gScale: f64, hScale: f64, inSingles: bool): void {
  v128.store(table, f32x4.splat(0.5), HALF);
  if (!inSingles) return;
  v128.store(table, f32x4.splat(<f32>gScale), G_SCALE);
  v128.store(table, f32x4.splat(<f32>(1 / gScale)), G_STEP);
  v128.store(table, f32x4.splat(<f32>hScale), H_SCALE);
  v128.store(table, f32x4.splat(<f32>(1 / hScale)), H_STEP);
}

/**
 * Four f32 values rounded to a grid as quantizeValue does in f64, floor(x × scale + 0.5) × step,
 * with the same result in f32: scale and step are powers of two (x × scale and its product with
 * the step are exact), and floor(y) + (y − floor(y) ≥ 0.5) is floor(y + 0.5) without rounding
 * y + 0.5 (y − floor(y) is exact in f32; from 2^23 on every f32 is an integer, and both give y).
 * `scale` and `step`: where the grid's are in the table.
 */
// @ts-ignore: decorator
@inline
function roundLanes(x: v128, table: usize, scale: usize, step: usize): v128 {
  const y = f32x4.mul(x, v128.load(scale));
  const down = f32x4.floor(y);
  const up = v128.and(f32x4.ge(f32x4.sub(y, down), v128.load(table, HALF)), v128.load(table, ONE));
  return f32x4.mul(f32x4.add(down, up), v128.load(step));
}

/** One row's g and h rounded to their grids (quantizeValue), h at least one step, stored as f32 at `at`. */
// @ts-ignore: decorator
@inline
function storeRounded(at: usize, g: f32, h: f32, gScale: f64, hScale: f64): void {
  store<f32>(at, <f32>quantizeValue(<f64>g, gScale, 1 / gScale));
  const hq = quantizeValue(<f64>h, hScale, 1 / hScale);
  store<f32>(at + 4, <f32>(hq > 0 ? hq : 1 / hScale));
}

/** Two rows' g and h (f64 pairs) rounded to their grids (quantizeValue), each h at least one step, as (g0, h0, g1, h1) f32. */
// @ts-ignore: decorator
@inline
function roundRows(g: v128, h: v128, gs: v128, gStep: v128, hs: v128, hStep: v128): v128 {
  const half = f64x2.splat(0.5);
  const gq = f64x2.mul(f64x2.floor(f64x2.add(f64x2.mul(g, gs), half)), gStep);
  const hq = f64x2.mul(f64x2.floor(f64x2.add(f64x2.mul(h, hs), half)), hStep);
  const hAtLeastStep = v128.bitselect(hq, hStep, f64x2.gt(hq, f64x2.splat(0)));
  return v128.shuffle<i32>(f32x4.demote_f64x2_zero(gq), f32x4.demote_f64x2_zero(hAtLeastStep), 0, 4, 1, 5);
}

/**
 * The regression losses' gradients, quantized in the same pass (as logisticGradients): g = r
 * (squared, kind 0), sign(r) (absolute, kind 1) or r clamped to [-delta, delta] (Huber, kind 2) with
 * r = score - label, stored as f32 as objectives.ts does, then rounded to its grid as gbdt/quantize.ts does;
 * h = 1 (on any grid). The largest |g| (before rounding) and h go to `maxima`. Two rows at a time.
 */
export function regressionGradients(
  scores: usize,
  label: usize,
  gh: usize,
  n: i32,
  kind: i32,
  delta: f64,
  gScale: f64,
  hScale: f64,
  maxima: usize,
): void {
  const gs = f64x2.splat(gScale);
  const gStep = f64x2.splat(1 / gScale);
  const hs = f64x2.splat(hScale);
  const hStep = f64x2.splat(1 / hScale);
  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  const high = kind === 1 ? one : f64x2.splat(delta);
  const low = f64x2.neg(high);
  let maxG = f32x4.splat(0);
  for (let i = 0; i < n; i += 2) {
    const at = <usize>i << 3;
    // An odd last row is read twice (both lanes) and written once.
    const next = i + 1 === n ? at : at + 8;
    const r =
      next === at
        ? f64x2.splat(load<f64>(scores + at) - load<f64>(label + at))
        : f64x2.sub(v128.load(scores + at), v128.load(label + at));
    // Absolute: 1 above 0, -1 below, r itself at 0; Huber: delta and -delta beyond them. NaN stays.
    const g =
      kind === 0
        ? r
        : v128.bitselect(high, v128.bitselect(low, r, f64x2.lt(r, kind === 1 ? zero : low)), f64x2.gt(r, kind === 1 ? zero : high));
    const g32 = f32x4.demote_f64x2_zero(g);
    maxG = f32x4.pmax(maxG, f32x4.abs(g32));
    const rounded = roundRows(f64x2.promote_low_f32x4(g32), one, gs, gStep, hs, hStep);
    if (next === at) store<u64>(gh + at, i64x2.extract_lane(rounded, 0));
    else v128.store(gh + at, rounded);
  }
  store<f64>(maxima, <f64>max(f32x4.extract_lane(maxG, 0), f32x4.extract_lane(maxG, 1)));
  store<f64>(maxima + 8, 1);
}

/** Rows per block of softmaxRows: the block's largest scores (f64) and sums (f32) fit a thread's scratch after the table. */
const SOFTMAX_BLOCK_ROWS = 256;

/**
 * Every row's class probabilities from K scores stored by class (class c of row i at
 * `columnBytes` × c + 8 i, out likewise), as objectives.ts's softmaxRows computes them: e^(s - max)
 * in float32 by gradientExp32, then each times 1 / their sum, summed in class order, all rounded to
 * float32 (the gradients are float32 and rounded to a 20-bit grid anyway). A fit keeps each class's
 * scores together so that its gradient pass and score update read them together: with a row's
 * classes together instead (K × 8 bytes apart by row), those read one number per cache line and
 * took 9 of a 14 s fit on 33k rows × 59 classes. Here, blocks of SOFTMAX_BLOCK_ROWS rows go class
 * by class (each class's part of a block is 2 KB in one page; four rows in f32x4 lanes at a time,
 * each lane doing the scalar operations of the last rows): row by row, every row's K classes were
 * K pages apart (6.6 ns a value at 59 classes, 3.8 ns before the classes were stored apart; 3.5 ns
 * at 4). `scratch`: this thread's scratch block, for the exponential's constants and the block's numbers.
 */
export function softmaxRows(scores: usize, out: usize, n: i32, K: i32, columnBytes: usize, scratch: usize): void {
  writeExp32Table(scratch);
  const tops = scratch + EXP32_TABLE_END;
  const sums = tops + (SOFTMAX_BLOCK_ROWS << 3);
  const whole = n & ~3;
  for (let first = 0; first < whole; first += SOFTMAX_BLOCK_ROWS) {
    const bytes = <usize>min(SOFTMAX_BLOCK_ROWS, whole - first) << 3;
    const s = scores + (<usize>first << 3);
    const o = out + (<usize>first << 3);
    for (let r: usize = 0; r < bytes; r += 16) v128.store(tops + r, f64x2.splat(-Infinity));
    for (let c = 0; c < K; c++) {
      const column = s + <usize>c * columnBytes;
      for (let r: usize = 0; r < bytes; r += 16) v128.store(tops + r, f64x2.max(v128.load(tops + r), v128.load(column + r)));
    }
    for (let r: usize = 0; r < bytes >> 1; r += 16) v128.store(sums + r, f32x4.splat(0));
    for (let c = 0; c < K; c++) {
      const column = s + <usize>c * columnBytes;
      const to = o + <usize>c * columnBytes;
      for (let r: usize = 0; r < bytes; r += 32) {
        const low = f32x4.demote_f64x2_zero(f64x2.sub(v128.load(column + r), v128.load(tops + r)));
        const high = f32x4.demote_f64x2_zero(f64x2.sub(v128.load(column + r, 16), v128.load(tops + r, 16)));
        const e = gradientExp32X4(v128.shuffle<i32>(low, high, 0, 1, 4, 5), scratch);
        v128.store(sums + (r >> 1), f32x4.add(v128.load(sums + (r >> 1)), e));
        v128.store(to + r, f64x2.promote_low_f32x4(e));
        v128.store(to + r, f64x2.promote_low_f32x4(v128.shuffle<i32>(e, e, 2, 3, 2, 3)), 16);
      }
    }
    // e × (1 / sum) in float32: the exact product of two float32 numbers in float64, rounded once.
    // The inverses, as f64, take the largest scores' place.
    for (let r: usize = 0; r < bytes; r += 32) {
      const inverse = f32x4.div(f32x4.splat(1), v128.load(sums + (r >> 1)));
      v128.store(tops + r, f64x2.promote_low_f32x4(inverse));
      v128.store(tops + r, f64x2.promote_low_f32x4(v128.shuffle<i32>(inverse, inverse, 2, 3, 2, 3)), 16);
    }
    for (let c = 0; c < K; c++) {
      const to = o + <usize>c * columnBytes;
      for (let r: usize = 0; r < bytes; r += 16)
        v128.store(to + r, f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(f64x2.mul(v128.load(to + r), v128.load(tops + r)))));
    }
  }
  for (let i = whole; i < n; i++) {
    const s = scores + (<usize>i << 3);
    const o = out + (<usize>i << 3);
    let top = -Infinity;
    for (let c = 0; c < K; c++) top = max(top, load<f64>(s + <usize>c * columnBytes));
    let sum: f32 = 0;
    for (let c = 0; c < K; c++) {
      const e = gradientExp32(<f32>(load<f64>(s + <usize>c * columnBytes) - top));
      store<f64>(o + <usize>c * columnBytes, <f64>e);
      sum += e;
    }
    const inverse = <f64>(<f32>1 / sum);
    for (let c = 0; c < K; c++) {
      const at = o + <usize>c * columnBytes;
      store<f64>(at, <f64>(<f32>(load<f64>(at) * inverse)));
    }
  }
}

/**
 * multi:softmax gradients of output k from its column of the rows' probabilities (softmaxRows;
 * `probabilities` is the column's first row), quantized in the same pass, as logisticGradients is:
 * g = p - (y == k) and h = max(2 p (1 - p), 1e-16) in f64, each stored as f32 as objectives.ts
 * does, then rounded to its grid exactly as gbdt/quantize.ts does; the largest |g| and h (before
 * rounding) go to `maxima` as two f64.
 */
export function softmaxGradients(
  probabilities: usize,
  label: usize,
  gh: usize,
  n: i32,
  k: i32,
  gScale: f64,
  hScale: f64,
  maxima: usize,
): void {
  const gs = f64x2.splat(gScale);
  const gStep = f64x2.splat(1 / gScale);
  const hs = f64x2.splat(hScale);
  const hStep = f64x2.splat(1 / hScale);
  const one = f64x2.splat(1);
  const two = f64x2.splat(2);
  const eps = f64x2.splat(1e-16);
  const ofClass = f64x2.splat(<f64>k);
  // The largest |g| and h so far in f32 lanes 0 and 1 (pmax: a plain comparison, as `if (x > m) m = x`).
  let maxG = f32x4.splat(0);
  let maxH = f32x4.splat(0);
  let i = 0;
  // Two rows at a time, one in each f64x2 lane.
  for (; i + 1 < n; i += 2) {
    const p = v128.load(probabilities + (<usize>i << 3));
    const y = v128.load(label + (<usize>i << 3));
    const g = f32x4.demote_f64x2_zero(f64x2.sub(p, v128.and(f64x2.eq(y, ofClass), one)));
    const h0 = f64x2.mul(f64x2.mul(two, p), f64x2.sub(one, p));
    const h = f32x4.demote_f64x2_zero(v128.bitselect(h0, eps, f64x2.gt(h0, eps)));
    maxG = f32x4.pmax(maxG, f32x4.abs(g));
    maxH = f32x4.pmax(maxH, h);
    v128.store(gh + (<usize>i << 3), roundRows(f64x2.promote_low_f32x4(g), f64x2.promote_low_f32x4(h), gs, gStep, hs, hStep));
  }
  let mg = max(f32x4.extract_lane(maxG, 0), f32x4.extract_lane(maxG, 1));
  let mh = max(f32x4.extract_lane(maxH, 0), f32x4.extract_lane(maxH, 1));
  if (i < n) {
    const p = load<f64>(probabilities + (<usize>i << 3));
    const y = load<f64>(label + (<usize>i << 3));
    const g = <f32>(p - (y == <f64>k ? 1 : 0));
    const h0 = 2 * p * (1 - p);
    const h = <f32>(h0 > 1e-16 ? h0 : 1e-16);
    if (abs<f32>(g) > mg) mg = abs<f32>(g);
    if (h > mh) mh = h;
    storeRounded(gh + (<usize>i << 3), g, h, gScale, hScale);
  }
  store<f64>(maxima, <f64>mg);
  store<f64>(maxima + 8, <f64>mh);
}
