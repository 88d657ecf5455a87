// Grows one histogram-based tree on gradients and hessians: the engine shared by boosting (g, h
// from the loss) and forests (g = -y, h = 1, so a leaf's value is the mean). Rows of a node are a
// set of segments of one index array (one segment per thread of a parallel fit, each partitioned
// in place by its thread, so a thread's rows stay in its cache; one segment otherwise); a node's
// histogram is built only for the smaller child, the larger one is the parent's minus it (the
// sibling trick).
import type { BinnedRows, Binning } from "./binning.ts";
import type { CategoryRegularization } from "./categorical-split.ts";
import type { FitArena } from "./fit-arena.ts";
import { fitKernelVariant, histogramKernel } from "./histogram-kernel.ts";
import type { Partitioner } from "./parallel-fit.ts";
import { findSplit, type Split } from "./split-finder.ts";
import { type Tree, TreeBuilder } from "./tree.ts";

export interface GrowParams {
  maxDepth: number;
  /** 0 = no limit. */
  maxLeaves: number;
  minChildWeight: number;
  minSplitGain: number;
  l2: number;
  /** Multiplies leaf values (the learning rate for boosting, 1 for forests). */
  shrinkage: number;
  /** Features this tree may split on. */
  allowed: Uint8Array;
  /** Per split, consider only a random subset of this many allowed features (forests); 0 = all. */
  featuresPerSplit: number;
  random: () => number;
  /** Minimum rows in a leaf (forests); counts come from hessians when h = 1. */
  minRowsLeaf: number;
  /** How categorical splits are regularized (boosting: its categorySmoothing, categoryL2 and minCategoryWeight); none when absent (forests). */
  categories?: CategoryRegularization;
  /** Builds a node's histogram over its segments of rows; parallel when given (see parallel-fit.ts). */
  histogram?: (hist: Float64Array, segments: number[]) => void;
  /** Partitions a node's segments in the arena; parallel when given (see parallel-fit.ts). */
  partition?: Partitioner | null;
  /** The root's segments of rows, [start, end) pairs (default: the one segment [0, count)). */
  segments?: number[];
  /** The fit's WebAssembly arena, when `data`, `gh`, `rows` and `scratch` live in it: its kernels run. */
  arena?: FitArena | null;
}

interface Pending {
  node: number;
  /** [start, end) pairs of `rows`: the node's rows in each thread's segment. */
  segments: number[];
  count: number;
  depth: number;
  hist: Float64Array;
  g: number;
  h: number;
  split: Split | null;
}

export interface GrowResult {
  tree: Tree;
  /** For each leaf node: the [start, end) ranges of `rows` it holds (one per non-empty segment), so callers can update scores. */
  leafRanges: [node: number, start: number, end: number][];
}

export function growTree(
  data: BinnedRows,
  binning: Binning,
  gh: Float32Array,
  rows: Uint32Array,
  count: number,
  p: GrowParams,
  scratch: Uint32Array,
): GrowResult {
  const builder = new TreeBuilder();
  // Histograms are recycled: a deep tree makes thousands of nodes, and fresh arrays for each would
  // keep the garbage collector busy.
  const size = binning.totalBins * 2;
  const pool: Float64Array[] = [];
  const arena =
    p.arena && p.arena.bins === data.bins && p.arena.gh === gh && p.arena.rows === rows && p.arena.scratch === scratch ? p.arena : null;
  arena?.resetHistograms();
  const zero = (hist: Float64Array) => (arena?.owns(hist) ? arena.clear(hist) : hist.fill(0));
  const recycled = () => {
    const hist = pool.pop();
    return hist && zero(hist);
  };
  const take = () => recycled() ?? arena?.takeHistogram() ?? new Float64Array(size);
  const kernel = p.histogram || fitKernelVariant() === "reference" ? null : histogramKernel(binning.offset, data.F);
  const js = kernel
    ? (hist: Float64Array, start: number, end: number) => kernel(hist, data.bins, gh, rows, start, end)
    : (hist: Float64Array, start: number, end: number) => buildHistogram(hist, data, binning, gh, rows, start, end);
  // Histograms in the arena are built there by WebAssembly; one that did not fit is built in JavaScript.
  const one = arena ? (hist: Float64Array, start: number, end: number) => (arena.owns(hist) ? arena.histogram : js)(hist, start, end) : js;
  const build =
    p.histogram ??
    ((hist: Float64Array, segments: number[]) => {
      for (let i = 0; i < segments.length; i += 2) one(hist, segments[i] as number, segments[i + 1] as number);
    });
  const rootSegments = p.segments ?? [0, count];
  const rootHist = take();
  build(rootHist, rootSegments);
  let g = 0;
  let h = 0;
  // Totals from one feature's bins (every row is in exactly one bin of each feature).
  const f0 = binning.offset[0] as number;
  for (let b = 0; b < (binning.numBins[0] as number); b++) {
    g += rootHist[(f0 + b) * 2] as number;
    h += rootHist[(f0 + b) * 2 + 1] as number;
  }
  const root = builder.addLeaf(leafValue(g, h, p), h);
  const first: Pending = { node: root, segments: rootSegments, count, depth: 0, hist: rootHist, g, h, split: null };
  // The features this tree may split on, listed once (the split finder runs per node).
  const allowed: number[] = [];
  for (let f = 0; f < p.allowed.length; f++) if (p.allowed[f]) allowed.push(f);
  arena?.useCandidates(allowed);
  // A category's hessian floor is at most 1/500 of the whole tree's, so small data keeps its categories.
  if (p.categories) p = { ...p, categories: { ...p.categories, minCategoryHessian: Math.min(p.categories.minCategoryHessian, h / 500) } };
  first.split = findSplit(first, binning, p, arena, allowed);
  const open: Pending[] = [first];
  const leafRanges: [number, number, number][] = [];
  let leaves = 1;

  while (open.length > 0) {
    // With maxLeaves the most useful splits go first (best-first); without it every split is taken
    // anyway, so the order does not matter and a stack avoids scanning thousands of open nodes.
    let item: Pending;
    if (p.maxLeaves > 0) {
      let best = 0;
      for (let i = 1; i < open.length; i++) if ((open[i]?.split?.gain ?? -1) > (open[best]?.split?.gain ?? -1)) best = i;
      item = open.splice(best, 1)[0] as Pending;
    } else item = open.pop() as Pending;
    const s = item.split;
    if (!s || (p.maxLeaves > 0 && leaves >= p.maxLeaves)) {
      addLeafRanges(leafRanges, item.node, item.segments);
      pool.push(item.hist);
      continue;
    }
    const leftSegments: number[] = [];
    const rightSegments: number[] = [];
    partition(data, rows, item.segments, s, scratch, arena, p.partition, leftSegments, rightSegments);
    const gr = item.g - s.gl;
    const hr = item.h - s.hl;
    const leftNode = builder.addLeaf(leafValue(s.gl, s.hl, p), s.hl);
    const rightNode = builder.addLeaf(leafValue(gr, hr, p), hr);
    const n = item.node;
    builder.feature[n] = s.feature;
    builder.splitBin[n] = s.bin;
    builder.threshold[n] = s.leftBins ? 0 : thresholdOf(binning, s.feature, s.bin);
    builder.categories[n] = s.leftBins ? s.leftBins.map((b) => b - 1) : null;
    builder.defaultLeft[n] = s.defaultLeft ? 1 : 0;
    builder.left[n] = leftNode;
    builder.right[n] = rightNode;
    builder.gain[n] = s.gain;
    leaves++;

    const depth = item.depth + 1;
    const leftCount = rowCount(leftSegments);
    const rightCount = item.count - leftCount;
    const canSplit = depth < p.maxDepth;
    if (!canSplit) {
      addLeafRanges(leafRanges, leftNode, leftSegments);
      addLeafRanges(leafRanges, rightNode, rightSegments);
      pool.push(item.hist);
      continue;
    }
    const leftSmaller = leftCount <= rightCount;
    const small = take();
    let large: Float64Array;
    if (item.count * data.F < size) {
      // Few rows: reading them twice is cheaper than subtracting whole histograms.
      large = take();
      build(leftSmaller ? small : large, leftSegments);
      build(leftSmaller ? large : small, rightSegments);
      pool.push(item.hist);
    } else {
      // Histogram for the smaller child; the larger is the parent's minus it (the sibling trick).
      build(small, leftSmaller ? leftSegments : rightSegments);
      large = item.hist;
      if (arena?.owns(large) && arena.owns(small)) arena.subtract(large, small);
      else for (let i = 0; i < large.length; i++) large[i] = (large[i] as number) - (small[i] as number);
    }
    const left: Pending = {
      node: leftNode,
      segments: leftSegments,
      count: leftCount,
      depth,
      hist: leftSmaller ? small : large,
      g: s.gl,
      h: s.hl,
      split: null,
    };
    const right: Pending = {
      node: rightNode,
      segments: rightSegments,
      count: rightCount,
      depth,
      hist: leftSmaller ? large : small,
      g: gr,
      h: hr,
      split: null,
    };
    for (const child of [left, right]) {
      child.split = findSplit(child, binning, p, arena, allowed);
      open.push(child);
    }
  }
  return { tree: builder.finish(), leafRanges };
}

/** How many rows a node's segments hold. */
export function rowCount(segments: number[]) {
  let count = 0;
  for (let i = 0; i < segments.length; i += 2) count += (segments[i + 1] as number) - (segments[i] as number);
  return count;
}

function addLeafRanges(leafRanges: [number, number, number][], node: number, segments: number[]) {
  for (let i = 0; i < segments.length; i += 2)
    if ((segments[i + 1] as number) > (segments[i] as number)) leafRanges.push([node, segments[i] as number, segments[i + 1] as number]);
}

function leafValue(g: number, h: number, p: GrowParams) {
  return (-g / (h + p.l2)) * p.shrinkage;
}

function thresholdOf(binning: Binning, feature: number, bin: number) {
  const edges = binning.edges[feature] as Float64Array;
  return edges[bin - 1] as number;
}

export function buildHistogram(
  hist: Float64Array,
  data: BinnedRows,
  binning: Binning,
  gh: Float32Array,
  rows: Uint32Array,
  start: number,
  end: number,
) {
  const { bins, F } = data;
  const offset = binning.offset;
  for (let i = start; i < end; i++) {
    const r = rows[i] as number;
    const g = gh[2 * r] as number;
    const h = gh[2 * r + 1] as number;
    const base = r * F;
    for (let f = 0; f < F; f++) {
      const idx = ((offset[f] as number) + (bins[base + f] as number)) << 1;
      hist[idx] = (hist[idx] as number) + g;
      hist[idx + 1] = (hist[idx + 1] as number) + h;
    }
  }
}

/**
 * Which bins go left, as a table by bin: a category set, or the value bins up to the split's; bin 0
 * (missing) by the learned default direction. A lookup per row costs no more than a compare, and
 * one table serves both kinds of split.
 */
function leftBinTable(s: Split): Uint8Array {
  // One table, refilled per split: a fresh 256-byte array per node kept the garbage collector busy.
  leftTable.fill(0);
  if (s.leftBins) for (const b of s.leftBins) leftTable[b] = 1;
  else leftTable.fill(1, 1, s.bin + 1);
  leftTable[0] = s.defaultLeft ? 1 : 0;
  return leftTable;
}
const leftTable = new Uint8Array(256);

/**
 * Moves each segment's rows that go left to the front of the segment, both sides in their order,
 * and appends the children's segments to `left` and `right`. With an arena, WebAssembly does it on
 * the arena's rows (in parallel, each segment by its thread, when given a partitioner).
 */
export function partition(
  data: BinnedRows,
  rows: Uint32Array,
  segments: number[],
  s: Split,
  scratch: Uint32Array,
  arena: FitArena | null,
  parallel: Partitioner | null | undefined,
  left: number[],
  right: number[],
): void {
  const goesLeft = leftBinTable(s);
  if (arena && parallel) {
    parallel(s.feature, segments, goesLeft, left, right);
    return;
  }
  for (let i = 0; i < segments.length; i += 2) {
    const start = segments[i] as number;
    const end = segments[i + 1] as number;
    const mid = arena
      ? arena.partition(s.feature, start, end, goesLeft)
      : partitionRange(data, rows, start, end, s.feature, goesLeft, scratch);
    left.push(start, mid);
    right.push(mid, end);
  }
}

/** One range's partition in JavaScript; returns where the right part starts. */
function partitionRange(
  data: BinnedRows,
  rows: Uint32Array,
  start: number,
  end: number,
  feature: number,
  goesLeft: Uint8Array,
  scratch: Uint32Array,
): number {
  // One feature's bins by column: rows are in increasing order within a node, so this walks
  // forward through one byte array instead of striding through all features.
  const column = data.byFeature.subarray(feature * data.n, (feature + 1) * data.n);
  let l = start;
  let r = 0;
  // Branchless: each row is written to both sides and only one cursor moves. Which way a row goes
  // is data, not a predictable branch, and a mispredicted branch per row cost more than two stores.
  // Writing rows[l] while reading rows[i] is safe: l never passes i.
  for (let i = start; i < end; i++) {
    const row = rows[i] as number;
    const goes = goesLeft[column[row] as number] as number;
    rows[l] = row;
    scratch[r] = row;
    l += goes;
    r += 1 - goes;
  }
  rows.set(scratch.subarray(0, r), l);
  return l;
}

/** The leaf a binned row lands in (training-time scoring of rows not in the partition). */
export function leafOfBinned(t: Tree, bins: Uint8Array, base: number): number {
  let node = 0;
  while (t.left[node] !== -1) {
    const b = bins[base + (t.feature[node] as number)] as number;
    const set = t.categories[node];
    const left = b === 0 ? t.defaultLeft[node] === 1 : set ? set.includes(b - 1) : b <= (t.splitBin[node] as number);
    node = left ? (t.left[node] as number) : (t.right[node] as number);
  }
  return node;
}
