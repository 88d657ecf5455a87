// AssemblyScript source of the WebAssembly fitting kernels (`pnpm --filter @roundhouse/ml build:wasm`
// compiles it into src/wasm/fitting-wasm.ts; a unit test rebuilds it and compares the bytes).
// The hot loops of growing a tree, over arrays a fit lays out in one shared memory
// (src/tree/fit-arena.ts): histogram building, partitioning a node's rows, quantizing gradients and
// adding leaf values to scores. Each does exactly what its JavaScript version in src/tree/grow.ts
// and src/gbdt/ does (those stay as the fallback and the reference, and the tests compare models
// byte for byte); WebAssembly has no bounds check per access and no branch per row.
// Arguments are byte offsets into the memory.
import { gradientExp, gradientExpX2 } from "./math";

/**
 * Adds each row's gradient pair to its bin of every feature: hist holds (g, h) as f64 pairs,
 * feature f's bins from pair offsets[f]; the gradient pair is read as two f32 and widened once.
 */
export function histogram(hist: usize, bins: usize, F: i32, gh: usize, rows: usize, start: i32, end: i32, offsets: usize): void {
  for (let i = start; i < end; i++) {
    const r = load<u32>(rows + (<usize>i << 2));
    const pair = f64x2.promote_low_f32x4(v128.load64_zero(gh + (<usize>r << 3)));
    const b = bins + <usize>r * <usize>F;
    for (let f = 0; f < F; f++) {
      const at = hist + ((<usize>load<u32>(offsets + (<usize>f << 2)) + <usize>load<u8>(b + <usize>f)) << 4);
      v128.store(at, f64x2.add(v128.load(at), pair));
    }
  }
}

/** dst += src over `pairs` (g, h) pairs of f64 (summing the parts of a histogram built by several threads). */
export function addInto(dst: usize, src: usize, pairs: i32): void {
  for (let at: usize = 0; at < (<usize>pairs << 4); at += 16) v128.store(dst + at, f64x2.add(v128.load(dst + at), v128.load(src + at)));
}

/** dst -= src over `pairs` (g, h) pairs (the larger child's histogram: its parent's minus its sibling's). */
export function subtract(dst: usize, src: usize, pairs: i32): void {
  for (let at: usize = 0; at < (<usize>pairs << 4); at += 16) v128.store(dst + at, f64x2.sub(v128.load(dst + at), v128.load(src + at)));
}

/**
 * Moves the rows of rows[start, end) whose bin in `column` goes left (goesLeft[bin] = 1) to the
 * front, the others after them, both in their order; returns where the right part starts. Each
 * row is written to both sides and only one cursor moves: no branch on the data.
 */
export function partition(column: usize, rows: usize, scratch: usize, start: i32, end: i32, goesLeft: usize): i32 {
  // The lefts are written over the range itself: the write cursor never passes the read cursor.
  const l = splitRows(column, rows, rows + (<usize>start << 2), scratch, start, end, goesLeft);
  memory.copy(rows + (<usize>(start + l) << 2), scratch, <usize>(end - start - l) << 2);
  return start + l;
}

/**
 * The partition of one part of a node's rows for a helper thread: rows[start, end) that go left are
 * written in order to lefts, the others to rights; rows itself is only read, so a part that fails
 * can be done again. Returns how many went left.
 */
export function splitRows(column: usize, rows: usize, lefts: usize, rights: usize, start: i32, end: i32, goesLeft: usize): i32 {
  let l = 0;
  let r = 0;
  for (let i = start; i < end; i++) {
    const row = load<u32>(rows + (<usize>i << 2));
    const left = <i32>load<u8>(goesLeft + <usize>load<u8>(column + <usize>row));
    store<u32>(lefts + (<usize>l << 2), row);
    store<u32>(rights + (<usize>r << 2), row);
    l += left;
    r += 1 - left;
  }
  return l;
}

/** memory.copy of `count` row numbers: gathering a parallel partition's parts (plain copies of shared memory are slow in V8). */
export function copyRows(dst: usize, src: usize, count: i32): void {
  memory.copy(dst, src, <usize>count << 2);
}

/** rows[i] = i for i < n. */
export function iota(rows: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<u32>(rows + (<usize>i << 2), i);
}

/** Largest |g| and |h| over n gradient pairs, written as two f64 at out. */
export function gradientMaxima(gh: usize, n: i32, out: usize): void {
  let maxG: f64 = 0;
  let maxH: f64 = 0;
  for (let i = 0; i < n; i++) {
    const at = gh + (<usize>i << 3);
    const g = abs<f64>(<f64>load<f32>(at));
    const h = abs<f64>(<f64>load<f32>(at + 4));
    if (g > maxG) maxG = g;
    if (h > maxH) maxH = h;
  }
  store<f64>(out, maxG);
  store<f64>(out + 8, maxH);
}

/** Rounds gradients and hessians to their grids (as gbdt/quantize.ts); a hessian never becomes 0. */
export function quantize(gh: usize, n: i32, gScale: f64, gStep: f64, hScale: f64, hStep: f64): void {
  for (let i = 0; i < n; i++) {
    const at = gh + (<usize>i << 3);
    store<f32>(at, <f32>(floor(<f64>load<f32>(at) * gScale + 0.5) * gStep));
    const h = floor(<f64>load<f32>(at + 4) * hScale + 0.5) * hStep;
    store<f32>(at + 4, <f32>(h > 0 ? h : hStep));
  }
}

/** scores[rows[i] * K + k] += value for i in [start, end): a leaf's value added to its rows. */
export function addLeafValue(scores: usize, rows: usize, start: i32, end: i32, K: i32, k: i32, value: f64): void {
  for (let i = start; i < end; i++) {
    const at = scores + ((<usize>load<u32>(rows + (<usize>i << 2)) * <usize>K + <usize>k) << 3);
    store<f64>(at, load<f64>(at) + value);
  }
}

// @ts-ignore: decorator
@inline
function logisticPair(score: f64, y: f64, at: usize): void {
  const p = 1 / (1 + gradientExp(-score));
  store<f32>(at, <f32>(p - y));
  const h = p * (1 - p);
  store<f32>(at + 4, <f32>(h > 1e-16 ? h : 1e-16));
}

/**
 * Logistic loss: g = p - y, h = max(p (1 - p), 1e-16) with p = 1 / (1 + e^-score), as objectives.ts.
 * Two rows at a time in f64x2 lanes: each lane does the scalar operations, so the bits are the same.
 */
export function logisticGradients(scores: usize, label: usize, gh: usize, n: i32): void {
  const one = f64x2.splat(1);
  const eps = f64x2.splat(1e-16);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const p = f64x2.div(one, f64x2.add(one, gradientExpX2(f64x2.neg(v128.load(scores + (<usize>i << 3))))));
    const g = f64x2.sub(p, v128.load(label + (<usize>i << 3)));
    const h0 = f64x2.mul(p, f64x2.sub(one, p));
    const h = v128.bitselect(h0, eps, f64x2.gt(h0, eps));
    // (g0, h0, g1, h1) as f32.
    v128.store(gh + (<usize>i << 3), v128.shuffle<i32>(f32x4.demote_f64x2_zero(g), f32x4.demote_f64x2_zero(h), 0, 4, 1, 5));
  }
  if (i < n) logisticPair(load<f64>(scores + (<usize>i << 3)), load<f64>(label + (<usize>i << 3)), gh + (<usize>i << 3));
}
