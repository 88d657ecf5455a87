// Histogram-based learning works on bins, not values: each numeric feature gets up to maxBins-1
// quantile bins (bin 0 is "missing"); a categorical feature gets one bin per category. Bins are
// stored row-major as bytes, so building a node's histogram reads each row's bins contiguously.
import type { Dataset, FeatureArray } from "../dataset.ts";
import { sortSinglesInWasm } from "./binning-wasm.ts";
import type { FitArena } from "./fit-arena.ts";

export interface Binning {
  /** Per feature: the upper edge of each value bin; a value v goes to bin 1 + #(edges < v). */
  edges: Float64Array[];
  categorical: boolean[];
  /** Bins per feature, the missing bin included. */
  numBins: Uint16Array;
  /**
   * Bins a split may send left, the missing bin included: numBins, but one fewer for a categorical
   * feature with more categories than bins, whose last bin holds every code from there on. The model
   * lists the codes a split sends left, so that bin always goes right, never in the list: listing its
   * first code alone sent the others right when predicting and left when training.
   */
  splitBins: Uint16Array;
  /** Where each feature's bins start in a histogram. */
  offset: Uint32Array;
  totalBins: number;
  /**
   * Per feature, the share of (sampled) rows in its most common bin: 0 for a categorical feature.
   * Sparse features, one-hot levels, may be built into histograms together (feature-bundles.ts).
   */
  defaultShare: Float64Array;
}

export interface BinnedRows {
  n: number;
  F: number;
  /** bins[i * F + f]: row i, feature f (histograms read a row's bins together). */
  bins: Uint8Array;
  /** byFeature[f * n + i]: the same bins by column (partitioning reads one feature). */
  byFeature: Uint8Array;
}

const SAMPLE = 200_000;
/** Rows per block when binRows copies the bins by feature into rows (F × this bytes, in the L2 cache). */
const TRANSPOSE_ROWS = 2048;

export function fitBinning(data: Dataset, maxBins = 255): Binning {
  const max = Math.min(255, Math.max(2, maxBins));
  const edges: Float64Array[] = [];
  const categorical: boolean[] = [];
  const numBins = new Uint16Array(data.features.length);
  const splitBins = new Uint16Array(data.features.length);
  const defaultShare = new Float64Array(data.features.length);
  data.features.forEach((feature, f) => {
    const column = data.columns[f] as FeatureArray;
    if (feature.kind === "categorical") {
      const count = feature.categories?.length ?? maxCode(column) + 1;
      const k = Math.min(count, max - 1);
      edges.push(new Float64Array(0));
      categorical.push(true);
      numBins[f] = k + 1;
      splitBins[f] = count > k ? k : k + 1;
      return;
    }
    const { edges: e, share } = quantileEdges(column, max - 1);
    edges.push(e);
    defaultShare[f] = share;
    categorical.push(false);
    numBins[f] = e.length + 2; // missing + (edges.length + 1) value bins
    splitBins[f] = numBins[f] as number;
  });
  const offset = new Uint32Array(data.features.length);
  let total = 0;
  numBins.forEach((b, f) => {
    offset[f] = total;
    total += b;
  });
  return { edges, categorical, numBins, splitBins, offset, totalBins: total, defaultShare };
}

/**
 * Bins the rows; `into` gives the arrays to fill (a fit arena's, whose WebAssembly kernels then bin
 * the numeric columns and copy the bins row by row), otherwise they are allocated.
 */
export function binRows(
  data: Pick<Dataset, "columns" | "rows">,
  binning: Binning,
  into?: (Pick<BinnedRows, "bins" | "byFeature"> & Partial<Pick<FitArena, "binColumn" | "binCodes" | "transposeBins">>) | null,
): BinnedRows {
  const F = data.columns.length;
  const n = data.rows;
  // Shared memory, so parallel fit helper threads read the bins in place.
  const bins = into?.bins ?? new Uint8Array(new SharedArrayBuffer(n * F));
  const byFeature = into?.byFeature ?? new Uint8Array(n * F);
  for (let f = 0; f < F; f++) {
    const column = data.columns[f] as FeatureArray;
    const out = byFeature.subarray(f * n, (f + 1) * n);
    if (binning.categorical[f]) {
      const last = (binning.numBins[f] as number) - 1;
      if (into?.binCodes) into.binCodes(f, column, last);
      else binCodes(column, last, out);
    } else if (into?.binColumn) into.binColumn(f, column, binning.edges[f] as Float64Array);
    else binColumn(binning.edges[f] as Float64Array, column, out);
  }
  if (into?.transposeBins) {
    into.transposeBins();
    return { n, F, bins, byFeature };
  }
  // The same bins row by row, a block of rows at a time: a whole column at once writes one byte per
  // F-byte row across all of `bins`, a cache miss per row once n × F outgrows the cache (100
  // features × 40,000 rows: 23 ns a value binned and copied, half of it in this copy).
  for (let start = 0; start < n; start += TRANSPOSE_ROWS) {
    const end = Math.min(n, start + TRANSPOSE_ROWS);
    for (let f = 0; f < F; f++) {
      const from = f * n;
      for (let i = start; i < end; i++) bins[i * F + f] = byFeature[from + i] as number;
    }
  }
  return { n, F, bins, byFeature };
}

/** A categorical column's bins: 0 for a missing code, otherwise code + 1, codes past `last` − 1 in `last`. */
function binCodes(column: FeatureArray, last: number, out: Uint8Array) {
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    out[i] = Number.isNaN(v) ? 0 : Math.max(0, Math.min(v + 1, last));
  }
}

/**
 * binOf for every value of a column: a binary search without branches over the edges padded to 256
 * with +Infinity (eight steps, each adding its half when the edge it looks at is below v). Which way
 * a value goes is data, and a mispredicted branch per step made this 70 ns a value, a tenth of a
 * 200k-row fit on 20 features; 16 ns without them.
 */
function binColumn(edges: Float64Array, column: FeatureArray, out: Uint8Array) {
  const e = new Float64Array(256).fill(Number.POSITIVE_INFINITY);
  e.set(edges);
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    let below = 128 & -((e[127] as number) < v);
    below += 64 & -((e[below + 63] as number) < v);
    below += 32 & -((e[below + 31] as number) < v);
    below += 16 & -((e[below + 15] as number) < v);
    below += 8 & -((e[below + 7] as number) < v);
    below += 4 & -((e[below + 3] as number) < v);
    below += 2 & -((e[below + 1] as number) < v);
    below += 1 & -((e[below] as number) < v);
    out[i] = Number.isNaN(v) ? 0 : below + 1;
  }
}

/** 0 for missing; otherwise 1 + the number of edges strictly below v. */
export function binOf(edges: Float64Array, v: number): number {
  return Number.isNaN(v) ? 0 : countBelow(edges, v) + 1;
}

/** How many values of an ascending array are strictly below v (binary search). */
export function countBelow(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Up to `count` edges at quantiles of a deterministic sample; every distinct value if there are few.
 * With them, the share of the sample in the most common bin (missing values in bin 0).
 */
function quantileEdges(column: FeatureArray, count: number): { edges: Float64Array; share: number } {
  const { edges, sorted, sampled } = sampledEdges(column, count);
  // The missing values are not in the sorted sample: they are bin 0's.
  const most = largestBin(sorted, edges, sampled - sorted.length);
  return { edges, share: sampled > 0 ? most / sampled : 0 };
}

// The loops over the sample are functions of their own that only return after the loop: V8 compiles
// a long loop while it runs (on-stack replacement), and an operation after it that had not run yet
// then throws that code away on every call (once per feature per fit; see objectives.ts).

/** The most values in one bin of the sorted sample, or `missing` if more. */
function largestBin(sorted: Float64Array, edges: Float64Array, missing: number): number {
  let most = missing;
  let inBin = 0;
  let e = 0;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as number;
    if (e < edges.length && v > (edges[e] as number)) {
      inBin = 0;
      while (e < edges.length && v > (edges[e] as number)) e++;
    }
    inBin++;
    if (inBin > most) most = inBin;
  }
  return most;
}

/**
 * Every step-th value of the column but the missing ones into `sample`; returns how many. Sets
 * inexact[0] if one is not exact in single precision (an out-parameter: see above).
 */
function takeSample(column: FeatureArray, step: number, sample: Float64Array, inexact: Uint8Array): number {
  let m = 0;
  for (let i = 0; i < column.length; i += step) {
    const v = column[i] as number;
    if (Number.isNaN(v)) continue;
    sample[m++] = v;
    if (Math.fround(v) !== v) inexact[0] = 1;
  }
  return m;
}

/** The distinct values of an ascending array, ascending; stops once there are more than `limit`. */
function distinctValues(sorted: Float64Array, limit: number): number[] {
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length && distinct.length <= limit; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i] as number);
  return distinct;
}

/**
 * The sample's room, kept for the process: a new 1.6 MB array for each column of a 200k-row fit
 * cost 4 ms in page faults on its first writes, five times the copy itself.
 */
let sampleRoom = new Float64Array(0);

function sampledEdges(column: FeatureArray, count: number): { edges: Float64Array; sorted: Float64Array; sampled: number } {
  const n = column.length;
  const step = Math.max(1, Math.floor(n / SAMPLE));
  const size = Math.ceil(n / step);
  if (sampleRoom.length < size) sampleRoom = new Float64Array(size);
  const sample = sampleRoom.subarray(0, size);
  const inexact = new Uint8Array(1);
  const m = takeSample(column, step, sample, inexact);
  const sorted = inexact[0] === 0 ? sortSingles(sample.subarray(0, m)) : sample.subarray(0, m).sort();
  // Few distinct values: every one but the largest is an edge (listed only while there are few: a
  // continuous column has as many as rows).
  const distinct = distinctValues(sorted, count + 1);
  if (distinct.length <= count + 1) return { edges: Float64Array.from(distinct.slice(0, -1)), sorted, sampled: sample.length };
  const out: number[] = [];
  for (let q = 1; q <= count; q++) {
    const v = sorted[Math.min(sorted.length - 1, Math.floor((q * sorted.length) / (count + 1)))] as number;
    if (out.length === 0 || v > (out[out.length - 1] as number)) out.push(v);
  }
  // The largest value must fall in the last bin, not past every edge.
  if (out[out.length - 1] === sorted[sorted.length - 1]) out.pop();
  return { edges: Float64Array.from(out), sorted, sampled: sample.length };
}

/**
 * Sorts values that are all exact in single precision (every value of a float32 column), ascending,
 * as the native sort would (-0 before 0): a radix sort of their 32 bits, in WebAssembly where it
 * runs (binning-wasm.ts), otherwise radixSortSingles. Samples under 10,000 values take the native sort.
 */
export function sortSingles(values: Float64Array): Float64Array {
  // Below this the native sort is as fast, and faster in a fresh process (the radix loops start
  // interpreted). At 10,000 values the radix sort takes 0.27 ms to the native 0.50 (40,000: 1.0 and
  // 2.2), which a fit pays once per feature: 100 features of 40,000 rows spent 10% of a fit sorting.
  if (values.length < 10_000) return values.sort();
  return sortSinglesInWasm(values) ? values : radixSortSingles(values);
}

/**
 * sortSingles in JavaScript: a radix sort of the values' 32 bits in three passes of 11 bits, about
 * 4× faster than the native sort on the 200k-value sample, which was 5% of a 200k-row fit.
 */
export function radixSortSingles(values: Float64Array): Float64Array {
  const m = values.length;
  // set, not Float32Array.from: from() walks the values through the iterator protocol.
  const singles = new Float32Array(m);
  singles.set(values);
  const bits = new Uint32Array(singles.buffer);
  // Bits that order as unsigned integers the way the floats order: negatives flipped whole,
  // positives with the sign bit set.
  let a = new Uint32Array(m);
  let b = new Uint32Array(m);
  // The three digits' counts in one pass, as the keys are made (then one pass per digit to move them).
  const count = new Uint32Array(3 * 2048);
  for (let i = 0; i < m; i++) {
    const k = bits[i] as number;
    const key = (k & 0x80000000 ? ~k : k | 0x80000000) >>> 0;
    a[i] = key;
    const d0 = key & 2047;
    const d1 = 2048 + ((key >>> 11) & 2047);
    const d2 = 4096 + (key >>> 22);
    count[d0] = (count[d0] as number) + 1;
    count[d1] = (count[d1] as number) + 1;
    count[d2] = (count[d2] as number) + 1;
  }
  for (let digit = 0; digit < 3; digit++) {
    let sum = 0;
    for (let d = digit * 2048; d < (digit + 1) * 2048; d++) {
      const c = count[d] as number;
      count[d] = sum;
      sum += c;
    }
  }
  for (let digit = 0, shift = 0; digit < 3; digit++, shift += 11) {
    const base = digit * 2048;
    for (let i = 0; i < m; i++) {
      const k = a[i] as number;
      const d = base + ((k >>> shift) & 2047);
      b[count[d] as number] = k;
      count[d] = (count[d] as number) + 1;
    }
    [a, b] = [b, a];
  }
  for (let i = 0; i < m; i++) {
    const k = a[i] as number;
    bits[i] = k & 0x80000000 ? k & 0x7fffffff : ~k >>> 0;
  }
  for (let i = 0; i < m; i++) values[i] = singles[i] as number;
  return values;
}

function maxCode(column: FeatureArray): number {
  let m = 0;
  for (const v of column) if (!Number.isNaN(v) && v > m) m = v;
  return m;
}
