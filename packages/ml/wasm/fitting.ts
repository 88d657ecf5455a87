// AssemblyScript source of the WebAssembly fitting kernels (`pnpm --filter @roundhouse/ml build:wasm`
// compiles it into src/wasm/fitting-wasm.ts; a unit test rebuilds it and compares the bytes).
// The hot loops of growing a tree, over arrays a fit lays out in one shared memory
// (src/tree/fit-arena.ts): histogram building, partitioning a node's rows, quantizing gradients and
// adding leaf values to scores. Each does exactly what its JavaScript version in src/tree/grow.ts
// and src/gbdt/ does (those stay as the fallback and the reference, and the tests compare models
// byte for byte); WebAssembly has no bounds check per access and no branch per row.
// Arguments are byte offsets into the memory.
import { gradientExp32, gradientExp32X4, gradientExpX2 } from "./math";

/**
 * Adds each row's gradient pair to its bin of every feature: hist holds (g, h) as f64 pairs,
 * feature f's bins from pair offsets[f]; the gradient pair is read as two f32 and widened once.
 */
export function histogram(hist: usize, bins: usize, F: i32, gh: usize, rows: usize, start: i32, end: i32, offsets: usize): void {
  let i = start;
  // Four rows at a time: their loads are independent, so the CPU overlaps them; when rows fall in
  // one bin, each add reads what the one before it stored, as one row at a time would.
  for (; i + 3 < end; i += 4) {
    const at = rows + (<usize>i << 2);
    const r0 = load<u32>(at);
    const r1 = load<u32>(at, 4);
    const r2 = load<u32>(at, 8);
    const r3 = load<u32>(at, 12);
    const p0 = f64x2.promote_low_f32x4(v128.load64_zero(gh + (<usize>r0 << 3)));
    const p1 = f64x2.promote_low_f32x4(v128.load64_zero(gh + (<usize>r1 << 3)));
    const p2 = f64x2.promote_low_f32x4(v128.load64_zero(gh + (<usize>r2 << 3)));
    const p3 = f64x2.promote_low_f32x4(v128.load64_zero(gh + (<usize>r3 << 3)));
    const b0 = bins + <usize>r0 * <usize>F;
    const b1 = bins + <usize>r1 * <usize>F;
    const b2 = bins + <usize>r2 * <usize>F;
    const b3 = bins + <usize>r3 * <usize>F;
    for (let f = 0; f < F; f++) {
      const o = hist + (<usize>load<u32>(offsets + (<usize>f << 2)) << 4);
      const a0 = o + (<usize>load<u8>(b0 + <usize>f) << 4);
      v128.store(a0, f64x2.add(v128.load(a0), p0));
      const a1 = o + (<usize>load<u8>(b1 + <usize>f) << 4);
      v128.store(a1, f64x2.add(v128.load(a1), p1));
      const a2 = o + (<usize>load<u8>(b2 + <usize>f) << 4);
      v128.store(a2, f64x2.add(v128.load(a2), p2));
      const a3 = o + (<usize>load<u8>(b3 + <usize>f) << 4);
      v128.store(a3, f64x2.add(v128.load(a3), p3));
    }
  }
  for (; i < end; i++) {
    const r = load<u32>(rows + (<usize>i << 2));
    const pair = f64x2.promote_low_f32x4(v128.load64_zero(gh + (<usize>r << 3)));
    const b = bins + <usize>r * <usize>F;
    for (let f = 0; f < F; f++) {
      const a = hist + ((<usize>load<u32>(offsets + (<usize>f << 2)) + <usize>load<u8>(b + <usize>f)) << 4);
      v128.store(a, f64x2.add(v128.load(a), pair));
    }
  }
}

/** Zeroes `bytes` bytes (a histogram: TypedArray fill on shared memory costs 6× memory.fill, and a fit zeroes one per node). */
export function clear(at: usize, bytes: usize): void {
  memory.fill(at, 0, bytes);
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

/** x rounded to the grid of `scale` (step = 1 / scale), as gbdt/quantize.ts rounds. */
// @ts-ignore: decorator
@inline
function quantizeValue(x: f64, scale: f64, step: f64): f64 {
  return floor(x * scale + 0.5) * step;
}

/**
 * A last split's two leaf values added to its rows without partitioning them: for i in [start, end),
 * scores[rows[i] * K + k] += vLeft where the row's bin in `column` goes left (goesLeft[bin] = 1),
 * vRight elsewhere, as a partition then addLeafValue on each side would.
 */
export function addSplitValues(
  scores: usize,
  rows: usize,
  column: usize,
  goesLeft: usize,
  start: i32,
  end: i32,
  K: i32,
  k: i32,
  vLeft: f64,
  vRight: f64,
): void {
  for (let i = start; i < end; i++) {
    const row = <usize>load<u32>(rows + (<usize>i << 2));
    const left = load<u8>(goesLeft + <usize>load<u8>(column + row)) != 0;
    const at = scores + ((row * <usize>K + <usize>k) << 3);
    store<f64>(at, load<f64>(at) + select<f64>(vLeft, vRight, left));
  }
}

/** scores[rows[i] * K + k] += value for i in [start, end): a leaf's value added to its rows. */
export function addLeafValue(scores: usize, rows: usize, start: i32, end: i32, K: i32, k: i32, value: f64): void {
  for (let i = start; i < end; i++) {
    const at = scores + ((<usize>load<u32>(rows + (<usize>i << 2)) * <usize>K + <usize>k) << 3);
    store<f64>(at, load<f64>(at) + value);
  }
}

/**
 * Logistic loss gradients of n rows, quantized, in one pass: g = p - y and h = max(p (1 - p), 1e-16)
 * with p = 1 / (1 + e^-score), in float32 as objectives.ts computes them (1 - p as e^-score p, so
 * neither g nor h loses bits near p = 1), then each rounded to its grid (gScale, hScale) exactly as
 * gbdt/quantize.ts does. The grids come from the largest |g| and h, which are known only after the pass:
 * the caller passes the grids it expects (the last round's), gets the largest values (before
 * rounding) as two f64 at `maxima`, and runs the pass again on the rare round they call for other
 * grids. Four rows at a time in f32x4 lanes, each lane doing the scalar operations of the last rows.
 */
export function logisticGradients(scores: usize, label: usize, gh: usize, n: i32, gScale: f64, hScale: f64, maxima: usize): void {
  const one = f32x4.splat(1);
  const eps = f32x4.splat(<f32>1e-16);
  // Rounding in f64 pairs of rows: each value's grid, and a hessian never rounded to 0.
  const gs = f64x2.splat(gScale);
  const gStep = f64x2.splat(1 / gScale);
  const hs = f64x2.splat(hScale);
  const hStep = f64x2.splat(1 / hScale);
  let maxG = f32x4.splat(0);
  let maxH = f32x4.splat(0);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const s = scores + (<usize>i << 3);
    const l = label + (<usize>i << 3);
    const score = v128.shuffle<i32>(f32x4.demote_f64x2_zero(v128.load(s)), f32x4.demote_f64x2_zero(v128.load(s, 16)), 0, 1, 4, 5);
    const y = v128.shuffle<i32>(f32x4.demote_f64x2_zero(v128.load(l)), f32x4.demote_f64x2_zero(v128.load(l, 16)), 0, 1, 4, 5);
    const e = gradientExp32X4(f32x4.neg(score));
    const p = f32x4.div(one, f32x4.add(one, e));
    const q = f32x4.mul(e, p);
    const g = v128.bitselect(f32x4.neg(q), f32x4.sub(p, y), f32x4.eq(y, one));
    const h0 = f32x4.mul(p, q);
    const h = v128.bitselect(h0, eps, f32x4.gt(h0, eps));
    maxG = f32x4.pmax(maxG, f32x4.abs(g));
    maxH = f32x4.pmax(maxH, h);
    // Rows 0, 1 and rows 2, 3 as f64 pairs, rounded, then stored as (g0, h0, g1, h1), (g2, h2, g3, h3).
    const gHi = v128.shuffle<i32>(g, g, 2, 3, 2, 3);
    const hHi = v128.shuffle<i32>(h, h, 2, 3, 2, 3);
    const at = gh + (<usize>i << 3);
    v128.store(at, roundRows(f64x2.promote_low_f32x4(g), f64x2.promote_low_f32x4(h), gs, gStep, hs, hStep));
    v128.store(at, roundRows(f64x2.promote_low_f32x4(gHi), f64x2.promote_low_f32x4(hHi), gs, gStep, hs, hStep), 16);
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
 * The best split of a node over the candidate features (u32 list), exactly as grow.ts's findSplit and
 * categorical-split.ts compute it, operation for operation, so the same split wins in the same order:
 * numeric features by a scan over their bins (missing values tried right, then left), categorical
 * ones by their categories sorted by gradient/hessian ratio. `keys` (f64) and `order` (u16) are
 * scratch of numBins entries. Writes [gain, feature, bin, defaultLeft, gl, hl, left bin count] as
 * f64 at `out` and a winning category set's bins (u16) at `leftBins`; returns the feature, or -1
 * when no split gains more than minGain. In JavaScript this ran interpreted for a cold fit's first
 * trees and was a third of a 20k-row fit once compiled (the native sort called per node and feature).
 */
export function bestSplit(
  hist: usize,
  features: usize,
  count: i32,
  offsets: usize,
  numBins: usize,
  kinds: usize,
  G: f64,
  H: f64,
  l2: f64,
  minH: f64,
  parent: f64,
  minGain: f64,
  smooth: f64,
  categoryL2: f64,
  minCategoryHessian: f64,
  keys: usize,
  order: usize,
  out: usize,
  leftBins: usize,
): i32 {
  let bestGain = minGain;
  let bestFeature = -1;
  let bestBin = 0;
  let bestDefaultLeft = 0;
  let bestGl: f64 = 0;
  let bestHl: f64 = 0;
  let bestLeftCount = 0;
  for (let c = 0; c < count; c++) {
    const f = <i32>load<u32>(features + (<usize>c << 2));
    const off = hist + (<usize>load<u32>(offsets + (<usize>f << 2)) << 4);
    const nb = <i32>load<u32>(numBins + (<usize>f << 2));
    if (load<u8>(kinds + <usize>f)) {
      // Categories with enough hessian (categorical-split.ts's regularization), keyed by smoothed
      // ratio with the bin in the low 16 bits.
      const minCategory = max(minH, minCategoryHessian);
      let m = 0;
      for (let b = 1; b < nb; b++) {
        const h = load<f64>(off + (<usize>b << 4) + 8);
        if (h >= minCategory) {
          const key: f64 = h + l2 + smooth > 0 ? load<f64>(off + (<usize>b << 4)) / (h + l2 + smooth) + 0 : 0;
          store<u64>(keys + (<usize>m << 3), (reinterpret<u64>(key) & ~(<u64>0xffff)) | <u64>b);
          m++;
        }
      }
      if (m < 2) continue;
      sortKeys(keys, 0, m);
      for (let i = 0; i < m; i++) store<u16>(order + (<usize>i << 1), <u16>load<u64>(keys + (<usize>i << 3)));
      let gl: f64 = 0;
      let hl: f64 = 0;
      let catGain = -Infinity;
      let catAt = -1;
      let catGl: f64 = 0;
      let catHl: f64 = 0;
      for (let i = 0; i < m - 1; i++) {
        const at = off + (<usize>load<u16>(order + (<usize>i << 1)) << 4);
        gl += load<f64>(at);
        hl += load<f64>(at + 8);
        const HR = H - hl;
        if (hl < minH || HR < minH) continue;
        const gain = (gl * gl) / (hl + l2 + categoryL2) + ((G - gl) * (G - gl)) / (HR + l2 + categoryL2) - parent;
        if (catAt < 0 || gain > catGain) {
          catGain = gain;
          catAt = i;
          catGl = gl;
          catHl = hl;
        }
      }
      if (catAt >= 0 && catGain > bestGain) {
        bestGain = catGain;
        bestFeature = f;
        bestBin = 0;
        bestDefaultLeft = 0;
        bestGl = catGl;
        bestHl = catHl;
        bestLeftCount = catAt + 1;
        memory.copy(leftBins, order, <usize>bestLeftCount << 1);
      }
      continue;
    }
    // Two candidates at a time in f64x2 lanes, each lane the scalar formula (so the same bits), taken
    // in the scalar order: with missing values, one bin's two tries (missing right, then left);
    // without, two bins. The divisions bound this loop, and a division of two lanes costs one.
    const gm = load<f64>(off);
    const hm = load<f64>(off + 8);
    const missing = hm > 0;
    let gl: f64 = 0;
    let hl: f64 = 0;
    let b = 1;
    while (b < nb - 1) {
      const at = off + (<usize>b << 4);
      gl += load<f64>(at);
      hl += load<f64>(at + 8);
      const GL0 = gl;
      const HL0 = hl;
      let GL1 = gl + gm;
      let HL1 = hl + hm;
      let bin1 = b;
      if (!missing) {
        if (b + 1 >= nb - 1) {
          // The last bin alone: its second lane is a copy, never taken.
          GL1 = gl;
          HL1 = hl;
        } else {
          gl += load<f64>(at + 16);
          hl += load<f64>(at + 24);
          GL1 = gl;
          HL1 = hl;
          bin1 = b + 1;
        }
      }
      const GL = f64x2.replace_lane(f64x2.splat(GL0), 1, GL1);
      const HL = f64x2.replace_lane(f64x2.splat(HL0), 1, HL1);
      const GR = f64x2.sub(f64x2.splat(G), GL);
      const HR = f64x2.sub(f64x2.splat(H), HL);
      const l2v = f64x2.splat(l2);
      const gains = f64x2.sub(
        f64x2.add(f64x2.div(f64x2.mul(GL, GL), f64x2.add(HL, l2v)), f64x2.div(f64x2.mul(GR, GR), f64x2.add(HR, l2v))),
        f64x2.splat(parent),
      );
      const HR0 = f64x2.extract_lane(HR, 0);
      const gain0 = f64x2.extract_lane(gains, 0);
      if (!(HL0 < minH || HR0 < minH) && gain0 > bestGain) {
        bestGain = gain0;
        bestFeature = f;
        bestBin = b;
        bestDefaultLeft = 0;
        bestGl = GL0;
        bestHl = HL0;
        bestLeftCount = 0;
      }
      const HR1 = f64x2.extract_lane(HR, 1);
      const gain1 = f64x2.extract_lane(gains, 1);
      if ((missing || bin1 > b) && !(HL1 < minH || HR1 < minH) && gain1 > bestGain) {
        bestGain = gain1;
        bestFeature = f;
        bestBin = bin1;
        bestDefaultLeft = missing ? 1 : 0;
        bestGl = GL1;
        bestHl = HL1;
        bestLeftCount = 0;
      }
      b = missing ? b + 1 : bin1 + 1;
    }
  }
  store<f64>(out, bestGain);
  store<f64>(out + 8, <f64>bestFeature);
  store<f64>(out + 16, <f64>bestBin);
  store<f64>(out + 24, <f64>bestDefaultLeft);
  store<f64>(out + 32, bestGl);
  store<f64>(out + 40, bestHl);
  store<f64>(out + 48, <f64>bestLeftCount);
  return bestFeature;
}

/**
 * Sorts keys[lo, hi) ascending as f64 (the categories' ratio keys; all distinct, so any correct sort
 * gives the order JavaScript's native sort gives): quicksort, insertion sort below 16 keys.
 */
function sortKeys(keys: usize, lo: i32, hi: i32): void {
  while (hi - lo > 16) {
    const pivot = load<f64>(keys + (<usize>(lo + ((hi - 1 - lo) >> 1)) << 3));
    let i = lo - 1;
    let j = hi;
    while (true) {
      do i++;
      while (load<f64>(keys + (<usize>i << 3)) < pivot);
      do j--;
      while (load<f64>(keys + (<usize>j << 3)) > pivot);
      if (i >= j) break;
      const a = load<u64>(keys + (<usize>i << 3));
      store<u64>(keys + (<usize>i << 3), load<u64>(keys + (<usize>j << 3)));
      store<u64>(keys + (<usize>j << 3), a);
    }
    // [lo, j] and [j + 1, hi): the smaller part by recursion, the larger by this loop.
    if (j + 1 - lo < hi - j - 1) {
      sortKeys(keys, lo, j + 1);
      lo = j + 1;
    } else {
      sortKeys(keys, j + 1, hi);
      hi = j + 1;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const k = load<f64>(keys + (<usize>i << 3));
    let j = i - 1;
    while (j >= lo && load<f64>(keys + (<usize>j << 3)) > k) {
      store<f64>(keys + (<usize>(j + 1) << 3), load<f64>(keys + (<usize>j << 3)));
      j--;
    }
    store<f64>(keys + (<usize>(j + 1) << 3), k);
  }
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

/**
 * Every row's class probabilities from K interleaved scores (out[i * K + c]), as objectives.ts's
 * softmaxRows computes them: e^(s - max) by gradientExp, each times 1 / their sum in class order. Two rows
 * at a time, one in each f64x2 lane (Math.exp per class and row was a fifth of a multiclass fit).
 */
export function softmaxRows(scores: usize, out: usize, n: i32, K: i32): void {
  const stride = <usize>K << 3;
  for (let i = 0; i < n; i += 2) {
    const a = scores + <usize>i * stride;
    const oa = out + <usize>i * stride;
    // An odd last row goes in both lanes (the second writes the same values over the first's).
    const last = i + 1 === n;
    softmaxTwoRows(a, last ? a : a + stride, oa, last ? oa : oa + stride, K);
  }
}

/** softmaxRows of the rows at a and b (lanes 0 and 1), into oa and ob. */
// @ts-ignore: decorator
@inline
function softmaxTwoRows(a: usize, b: usize, oa: usize, ob: usize, K: i32): void {
  let top = f64x2.splat(-Infinity);
  for (let c = 0; c < K; c++) top = f64x2.max(top, pair(a, b, c));
  let sum = f64x2.splat(0);
  for (let c = 0; c < K; c++) {
    const e = gradientExpX2(f64x2.sub(pair(a, b, c), top));
    store<f64>(oa + (<usize>c << 3), f64x2.extract_lane(e, 0));
    store<f64>(ob + (<usize>c << 3), f64x2.extract_lane(e, 1));
    sum = f64x2.add(sum, e);
  }
  const inverse = f64x2.div(f64x2.splat(1), sum);
  for (let c = 0; c < K; c++) {
    const p = f64x2.mul(pair(oa, ob, c), inverse);
    store<f64>(oa + (<usize>c << 3), f64x2.extract_lane(p, 0));
    store<f64>(ob + (<usize>c << 3), f64x2.extract_lane(p, 1));
  }
}

/** Value c of two rows (f64 at a and at b) as one pair. */
// @ts-ignore: decorator
@inline
function pair(a: usize, b: usize, c: i32): v128 {
  return f64x2.replace_lane(f64x2.splat(load<f64>(a + (<usize>c << 3))), 1, load<f64>(b + (<usize>c << 3)));
}

/**
 * multi:softmax gradients of output k from the rows' probabilities (softmaxRows), quantized in the
 * same pass, as logisticGradients is: g = p - (y == k) and h = max(2 p (1 - p), 1e-16) in f64, each
 * stored as f32 as objectives.ts does, then rounded to its grid exactly as gbdt/quantize.ts does; the
 * largest |g| and h (before rounding) go to `maxima` as two f64.
 */
export function softmaxGradients(
  probabilities: usize,
  label: usize,
  gh: usize,
  n: i32,
  K: i32,
  k: i32,
  gScale: f64,
  hScale: f64,
  maxima: usize,
): void {
  const column = probabilities + (<usize>k << 3);
  const stride = <usize>K << 3;
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
    const at = column + <usize>i * stride;
    const p = f64x2.replace_lane(f64x2.splat(load<f64>(at)), 1, load<f64>(at + stride));
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
    const p = load<f64>(column + <usize>i * stride);
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
