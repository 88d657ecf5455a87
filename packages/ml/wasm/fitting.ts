// AssemblyScript source of the WebAssembly fitting kernels (`pnpm --filter @roundhouse/ml build:wasm`
// compiles it into src/wasm/fitting-wasm.ts; a unit test rebuilds it and compares the bytes).
// The hot loops of growing a tree, over arrays a fit lays out in one shared memory
// (src/tree/fit-arena.ts): histogram building, partitioning a node's rows, quantizing gradients and
// adding leaf values to scores. Each does exactly what its JavaScript version in src/tree/grow.ts
// and src/gbdt/ does (those stay as the fallback and the reference, and the tests compare models
// byte for byte); WebAssembly has no bounds check per access and no branch per row.
// Arguments are byte offsets into the memory.
// The histogram and gradient kernels live in histogram.ts and gradients.ts; exported here, as one module.
export { logisticGradients, regressionGradients, softmaxGradients, softmaxRows } from "./gradients";
export { binCodes, binColumn, sortSingles, transposeBins } from "./binning";
export { histogram, histogramFeatures } from "./histogram";
export { addTreeValues } from "./walk";

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

/**
 * A last split's two leaf values added to its rows without partitioning them: for i in [start, end),
 * scores[rows[i]] += vLeft where the row's bin in `column` goes left (goesLeft[bin] = 1), vRight
 * elsewhere, as a partition then addLeafValue on each side would. `scores`: the output's own scores
 * (a fit keeps each output's together, fit-arena.ts).
 */
export function addSplitValues(
  scores: usize,
  rows: usize,
  column: usize,
  goesLeft: usize,
  start: i32,
  end: i32,
  vLeft: f64,
  vRight: f64,
): void {
  for (let i = start; i < end; i++) {
    const row = <usize>load<u32>(rows + (<usize>i << 2));
    const left = load<u8>(goesLeft + <usize>load<u8>(column + row)) != 0;
    const at = scores + (row << 3);
    store<f64>(at, load<f64>(at) + select<f64>(vLeft, vRight, left));
  }
}

/** scores[rows[i]] += value for i in [start, end): a leaf's value added to its rows' scores (an output's, as in addSplitValues). */
export function addLeafValue(scores: usize, rows: usize, start: i32, end: i32, value: f64): void {
  for (let i = start; i < end; i++) {
    const at = scores + (<usize>load<u32>(rows + (<usize>i << 2)) << 3);
    store<f64>(at, load<f64>(at) + value);
  }
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
  rows: f64,
  l2: f64,
  minH: f64,
  parent: f64,
  minGain: f64,
  smooth: f64,
  categoryL2: f64,
  minCategoryHessian: f64,
  groupRows: f64,
  maxCategories: i32,
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
      // From the low end of the order, then (with a limit) from the high end, grown groupRows rows
      // (estimated from hessian) between cuts: categorical-split.ts's passes.
      const rowsPerHessian = rows / H;
      const most = maxCategories > 0 ? min(maxCategories, (m + 1) >> 1) : m - 1;
      let catGain = -Infinity;
      let catAt = -1;
      let catFromTop = 0;
      let catGl: f64 = 0;
      let catHl: f64 = 0;
      for (let pass = 0; pass < (maxCategories > 0 ? 2 : 1); pass++) {
        let gl: f64 = 0;
        let hl: f64 = 0;
        let leftRows: f64 = 0;
        let groupLeft: f64 = 0;
        for (let i = 0; i < m - 1 && i < most; i++) {
          const at = off + (<usize>load<u16>(order + (<usize>(pass == 0 ? i : m - 1 - i) << 1)) << 4);
          const h = load<f64>(at + 8);
          gl += load<f64>(at);
          hl += h;
          leftRows += h * rowsPerHessian;
          groupLeft += h * rowsPerHessian;
          const HR = H - hl;
          if (hl < minH) continue;
          if (HR < minH || (groupRows > 0 && rows - leftRows < groupRows)) break;
          if (groupLeft < groupRows) continue;
          groupLeft = 0;
          const gain = (gl * gl) / (hl + l2 + categoryL2) + ((G - gl) * (G - gl)) / (HR + l2 + categoryL2) - parent;
          if (catAt < 0 || gain > catGain) {
            catGain = gain;
            catAt = i;
            catFromTop = pass;
            catGl = gl;
            catHl = hl;
          }
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
        const from = catFromTop ? m - 1 - catAt : 0;
        memory.copy(leftBins, order + (<usize>from << 1), <usize>bestLeftCount << 1);
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
 * gives the order JavaScript's native sort gives): quicksort, insertion sort below 12 keys. The
 * partition is Lomuto's without a branch on the data (each key is swapped to the boundary, which
 * moves on when the key is smaller than the pivot): the keys come in bin order, random against
 * their ratios, so Hoare's partition's branches mispredicted often; this halved the sort (4.3 µs
 * against 9.3 for 250 random keys, 0.7 against 1.5 for 60: docs/performance-history.md).
 */
function sortKeys(keys: usize, lo: i32, hi: i32): void {
  while (hi - lo > 12) {
    // The median of the first, middle and last keys as the pivot, moved to lo.
    const mid = lo + ((hi - lo) >> 1);
    let a = load<f64>(keys + (<usize>lo << 3));
    let b = load<f64>(keys + (<usize>mid << 3));
    let c = load<f64>(keys + (<usize>(hi - 1) << 3));
    if (b < a) {
      const t = a;
      a = b;
      b = t;
    }
    if (c < b) {
      const t = b;
      b = c;
      c = t;
      if (b < a) {
        const t2 = a;
        a = b;
        b = t2;
      }
    }
    store<f64>(keys + (<usize>lo << 3), b);
    store<f64>(keys + (<usize>mid << 3), a);
    store<f64>(keys + (<usize>(hi - 1) << 3), c);
    // keys[lo + 1, first) < pivot <= keys[first, read).
    let first = lo + 1;
    for (let read = lo + 1; read < hi; read++) {
      const x = load<f64>(keys + (<usize>read << 3));
      store<f64>(keys + (<usize>read << 3), load<f64>(keys + (<usize>first << 3)));
      store<f64>(keys + (<usize>first << 3), x);
      first += <i32>(x < b);
    }
    // The pivot goes between the parts, after the last smaller key.
    const p = first - 1;
    store<f64>(keys + (<usize>lo << 3), load<f64>(keys + (<usize>p << 3)));
    store<f64>(keys + (<usize>p << 3), b);
    // The smaller part by recursion, the larger by this loop.
    if (p - lo < hi - p - 1) {
      sortKeys(keys, lo, p);
      lo = p + 1;
    } else {
      sortKeys(keys, p + 1, hi);
      hi = p;
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
