// Grows one histogram-based tree on gradients and hessians: the engine shared by boosting (g, h
// from the loss) and forests (g = -y, h = 1, so a leaf's value is the mean). Rows of a node are a
// set of segments of one index array (one segment per thread of a parallel fit, each partitioned
// in place by its thread, so a thread's rows stay in its cache; one segment otherwise); a node's
// histogram is built only for the smaller child, the larger one is the parent's minus it (the
// sibling trick). On a parallel fit, small open nodes are split a batch at a time (GrowParams.batch):
// the helpers get one partition job and one histogram job per batch instead of one of each per
// node, so a 200k-row depth-6 tree waits for them a few dozen times instead of a hundred, and small
// nodes are shared too. One thread splits one node at a time, depth first, so a node's rows are
// still in the cache when its children's histograms are built (a 3M-row fit in batches took 35%
// longer). Nodes are numbered as depth-first growth numbers them, whatever the order they were
// split in: every thread count writes the same model file.
import type { BinnedRows, Binning } from "./binning.ts";
import { type CategoryRegularization, treeCategoryRegularization } from "./categorical-split.ts";
import { type HistogramSource, restoreDefaults, unbundled } from "./feature-bundles.ts";
import type { FitArena } from "./fit-arena.ts";
import { buildHistogram, fitKernelVariant, type HistogramKernel, histogramKernel } from "./histogram-kernel.ts";
import { leftBinTable, type Partitioner, type PartitionTask, partition } from "./partition.ts";
import { findSplit, findSplits, type ParallelSplitFinder, type Split } from "./split-finder.ts";
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
  /** Builds a batch of nodes' histograms, each over its segments of rows; parallel when given (see parallel-fit.ts). */
  histograms?: (tasks: HistogramTask[]) => void;
  /** Partitions a batch of nodes' segments in the arena; parallel when given (see parallel-fit.ts). */
  partition?: Partitioner | null;
  /** Finds a batch's splits in the arena on all threads when given (split-jobs.ts). */
  splits?: ParallelSplitFinder | null;
  /** The root's segments of rows, [start, end) pairs (default: the one segment [0, count)). */
  segments?: number[];
  /** The fit's WebAssembly arena, when `data`, `gh`, `rows` and `scratch` live in it: its kernels run. */
  arena?: FitArena | null;
  /** At most this many small nodes are split together (nodeBatch; a parallel fit's); 1 (default): one at a time. */
  batch?: number;
  /**
   * With the arena: splits into leaves are not partitioned, only listed (GrowResult.lastSplits) for
   * the caller's score update, which sends each row to its side as it adds the value (the last
   * level's partition was a sixth of all partitioning, and its rows were read again for the scores).
   */
  keepLastSplits?: boolean;
  /**
   * What histograms are built from when not `data` itself: its sparse features bundled
   * (feature-bundles.ts); each built histogram's bundled default bins are restored here.
   */
  columns?: HistogramSource | null;
}

/** A split whose children are leaves, its rows not partitioned: each goes left where goesLeft[bin of feature] = 1. */
export interface LastSplit {
  left: number;
  right: number;
  feature: number;
  goesLeft: Uint8Array;
  segments: number[];
}

/**
 * One histogram to build over the rows of `segments`, [start, end) pairs, into `hist`: not zeroed, as
 * recycled; the builder zeroes it (a wide node's histogram is megabytes, and threads sharing it by
 * features each zero their own features).
 */
export interface HistogramTask {
  hist: Float64Array;
  segments: number[];
}

/** At most this many nodes are split together. */
export const MAX_NODE_BATCH = 32;
/** A batch's histograms take at most about this many bytes (wide data: fewer nodes per batch). */
const NODE_BATCH_BYTES = 4 * 1024 * 1024;
/**
 * A batch holds at most this many rows (a node with more is split alone): its rows stay in the
 * cache from its partition to its histograms, and a big node's own jobs are long enough that
 * waiting for the helpers costs little.
 */
const NODE_BATCH_ROWS = 65_536;

/**
 * How many open nodes a parallel fit splits together: as many as MAX_NODE_BATCH whose histograms
 * fit in NODE_BATCH_BYTES. Best-first growth (maxLeaves) takes one node at a time, the best.
 */
export function nodeBatch(totalBins: number, maxLeaves: number): number {
  if (maxLeaves > 0) return 1;
  return Math.max(1, Math.min(MAX_NODE_BATCH, Math.floor(NODE_BATCH_BYTES / (totalBins * 16))));
}

/** Histogram slots a tree may hold at once: the open nodes of every depth, plus a batch's new ones. */
export const histogramSlotsFor = (maxDepth: number, maxLeaves: number, batch: number) =>
  maxLeaves > 0 ? maxLeaves + 3 : batch * (maxDepth + 3);

/** The histogram of a node that cannot split (mayBeSplit in growTree): none. */
const NO_HISTOGRAM = new Float64Array(0);

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
  /** With keepLastSplits, the splits into leaves and their (unpartitioned) rows; their leaves are not in leafRanges. */
  lastSplits: LastSplit[];
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
  return new TreeGrowth(data, binning, gh, rows, count, p, scratch).grow();
}

/**
 * One tree's growth. A class, not closures inside growTree: V8 compiles a closure's optimized code
 * for the closure it first saw, so the per-tree closures of a fit were compiled again and again
 * (60–100 ms each on a background thread, three times in a 4k-row fit's first 200 trees, while the
 * unoptimized code ran); methods are compiled once for every tree.
 */
class TreeGrowth {
  readonly builder = new TreeBuilder();
  /** Doubles per histogram. */
  readonly size: number;
  /**
   * Histograms are recycled: a deep tree makes thousands of nodes, and fresh arrays for each would
   * keep the garbage collector busy.
   */
  readonly pool: Float64Array[] = [];
  readonly arena: FitArena | null;
  readonly columns: HistogramSource;
  readonly kernel: HistogramKernel | null;
  readonly open: Pending[] = [];
  readonly leafRanges: [number, number, number][] = [];
  readonly lastSplits: LastSplit[] = [];
  readonly keepLast: boolean;
  /** The tables of a batch's kept last splits, in order. */
  readonly kept: Uint8Array[] = [];
  readonly batchSize: number;
  /** The features this tree may split on, listed once (the split finder runs per node). */
  readonly allowed: number[] = [];
  p: GrowParams;
  leaves = 1;

  constructor(
    readonly data: BinnedRows,
    readonly binning: Binning,
    readonly gh: Float32Array,
    readonly rows: Uint32Array,
    readonly count: number,
    p: GrowParams,
    readonly scratch: Uint32Array,
  ) {
    this.p = p;
    this.size = binning.totalBins * 2;
    this.arena =
      p.arena && p.arena.bins === data.bins && p.arena.gh === gh && p.arena.rows === rows && p.arena.scratch === scratch ? p.arena : null;
    this.columns = p.columns ?? unbundled(data, binning);
    this.kernel = p.histograms || fitKernelVariant() === "reference" ? null : histogramKernel(this.columns.offset, this.columns.F);
    this.keepLast = p.keepLastSplits === true && this.arena !== null;
    this.batchSize = p.maxLeaves > 0 ? 1 : Math.min(MAX_NODE_BATCH, p.batch ?? 1);
    for (let f = 0; f < p.allowed.length; f++) if (p.allowed[f]) this.allowed.push(f);
  }

  /** A histogram for a HistogramTask: its builder zeroes it. */
  take(): Float64Array {
    return this.pool.pop() ?? this.arena?.takeHistogram() ?? new Float64Array(this.size);
  }

  /**
   * Whether a child may split: findSplit refuses a node whose hessian is under 2 × minChildWeight
   * before reading its histogram, so such a child's is not built (many, in multiclass and rare-class
   * fits, where hessians p(1 − p) are small). Same trees, less work.
   */
  mayBeSplit(node: Pending): boolean {
    return !(node.h < 2 * this.p.minChildWeight);
  }

  /** Gives the node a fresh histogram and queues its build. */
  build(builds: HistogramTask[], node: Pending): Float64Array {
    node.hist = this.take();
    builds.push({ hist: node.hist, segments: node.segments });
    return node.hist;
  }

  /** Builds the tasks' histograms: on the fit's threads when it has them, else here (in the arena by WebAssembly). */
  buildAll(tasks: HistogramTask[]): void {
    if (this.p.histograms) this.p.histograms(tasks);
    else
      for (const { hist, segments } of tasks) {
        if (this.arena?.owns(hist)) this.arena.clear(hist);
        else hist.fill(0);
        for (let i = 0; i < segments.length; i += 2) this.buildRange(hist, segments[i] as number, segments[i + 1] as number);
      }
    const { bundles } = this.columns;
    if (bundles.length > 0) for (const { hist } of tasks) restoreDefaults(hist, this.binning, bundles);
  }

  /** Adds rows [start, end) to a histogram; one in the arena is built there, one that did not fit in JavaScript. */
  buildRange(hist: Float64Array, start: number, end: number): void {
    const { arena, kernel, columns } = this;
    if (arena?.owns(hist)) arena.histogram(hist, start, end);
    else if (kernel) kernel(hist, columns.bins, this.gh, this.rows, start, end);
    else buildHistogram(hist, columns, columns, this.gh, this.rows, start, end);
  }

  grow(): GrowResult {
    const { binning, count, arena } = this;
    arena?.resetHistograms();
    const rootSegments = this.p.segments ?? [0, count];
    const rootHist = this.take();
    this.buildAll([{ hist: rootHist, segments: rootSegments }]);
    let g = 0;
    let h = 0;
    // Totals from one feature's bins (every row is in exactly one bin of each feature).
    const f0 = binning.offset[0] as number;
    for (let b = 0; b < (binning.numBins[0] as number); b++) {
      g += rootHist[(f0 + b) * 2] as number;
      h += rootHist[(f0 + b) * 2 + 1] as number;
    }
    const root = this.builder.addLeaf(leafValue(g, h, this.p), h);
    const first: Pending = { node: root, segments: rootSegments, count, depth: 0, hist: rootHist, g, h, split: null };
    arena?.useCandidates(this.allowed);
    const p = this.p;
    if (p.categories) this.p = { ...p, categories: treeCategoryRegularization(p.categories, h, count) };
    first.split = findSplit(first, binning, this.p, arena, this.allowed);
    this.open.push(first);
    while (this.open.length > 0) this.splitNext();
    const { builder, leafRanges, lastSplits } = this;
    // Best-first trees keep the order they grew in; one node at a time is depth first already.
    if (this.p.maxLeaves > 0 || this.batchSize === 1) return { tree: builder.finish(), leafRanges, lastSplits };
    const ids = depthFirstNumbers(builder);
    for (const range of leafRanges) range[0] = ids[range[0]] as number;
    for (const split of lastSplits) {
      split.left = ids[split.left] as number;
      split.right = ids[split.right] as number;
    }
    return { tree: builder.finish(ids), leafRanges, lastSplits };
  }

  /** Takes the next batch of open nodes: splits those that may split, makes the rest leaves. */
  splitNext(): void {
    const { open, p } = this;
    // With maxLeaves the most useful split goes first (best-first), one at a time; without it every
    // split is taken anyway, so the order does not matter: the top of a stack, with the small
    // nodes under it up to a batch.
    let batch: Pending[];
    if (p.maxLeaves > 0) {
      let best = 0;
      for (let i = 1; i < open.length; i++) if ((open[i]?.split?.gain ?? -1) > (open[best]?.split?.gain ?? -1)) best = i;
      batch = open.splice(best, 1);
    } else {
      batch = [open.pop() as Pending];
      let inBatch = (batch[0] as Pending).count;
      for (let top = open.at(-1); top && batch.length < this.batchSize && inBatch + top.count <= NODE_BATCH_ROWS; top = open.at(-1)) {
        batch.push(open.pop() as Pending);
        inBatch += top.count;
      }
    }
    const splitting: Pending[] = [];
    for (const item of batch) {
      if (!item.split || (p.maxLeaves > 0 && this.leaves >= p.maxLeaves)) {
        addLeafRanges(this.leafRanges, item.node, item.segments);
        if (item.hist !== NO_HISTOGRAM) this.pool.push(item.hist);
      } else {
        splitting.push(item);
        this.leaves++;
      }
    }
    if (splitting.length > 0) this.splitBatch(splitting);
  }

  /** Splits a batch of nodes: partitions them, builds their children's histograms and opens the children. */
  splitBatch(splitting: Pending[]): void {
    const { p, builder, binning, arena, kept } = this;
    // Plain loops: this runs for every node of every tree.
    const cuts: PartitionTask[] = [];
    // Each item's partition, or null for a last split kept whole (keepLastSplits).
    const cutOf: (PartitionTask | null)[] = [];
    for (let i = 0; i < splitting.length; i++) {
      const item = splitting[i] as Pending;
      const s = item.split as Split;
      const table = leftBinTable(s, i);
      if (this.keepLast && item.depth + 1 >= p.maxDepth) {
        cutOf.push(null);
        kept.push(table.slice());
        continue;
      }
      const cut = { feature: s.feature, segments: item.segments, goesLeft: table, left: [], right: [] };
      cuts.push(cut);
      cutOf.push(cut);
    }
    if (cuts.length > 0) partition(this.data, this.rows, cuts, this.scratch, arena, p.partition);

    // The children, and the histograms to build for those that may split further (the smaller
    // child's; both when the node has few rows, as reading them twice is then cheaper than
    // subtracting whole histograms). The larger child otherwise keeps the parent's histogram, less
    // the smaller's (the sibling trick), once the batch's histograms are built.
    const builds: HistogramTask[] = [];
    const parents: Float64Array[] = [];
    const smaller: Pending[] = [];
    const larger: Pending[] = [];
    const sibling: boolean[] = [];
    for (let i = 0; i < splitting.length; i++) {
      const item = splitting[i] as Pending;
      const s = item.split as Split;
      const cut = cutOf[i];
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
      const depth = item.depth + 1;
      if (depth >= p.maxDepth) {
        if (cut) {
          addLeafRanges(this.leafRanges, leftNode, cut.left);
          addLeafRanges(this.leafRanges, rightNode, cut.right);
        } else
          this.lastSplits.push({
            left: leftNode,
            right: rightNode,
            feature: s.feature,
            goesLeft: kept.shift() as Uint8Array,
            segments: item.segments,
          });
        parents.push(item.hist);
        continue;
      }
      if (!cut) throw new Error("a split above the last level was not partitioned");
      const leftCount = rowCount(cut.left);
      const left: Pending = { node: leftNode, segments: cut.left, count: leftCount, depth, hist: item.hist, g: s.gl, h: s.hl, split: null };
      const right: Pending = {
        node: rightNode,
        segments: cut.right,
        count: item.count - leftCount,
        depth,
        hist: item.hist,
        g: gr,
        h: hr,
        split: null,
      };
      const leftSmaller = left.count <= right.count;
      const small = leftSmaller ? left : right;
      const large = leftSmaller ? right : left;
      smaller.push(small);
      larger.push(large);
      // A child that cannot split gets no histogram unless its sibling is the parent's less its own.
      const smallSplits = this.mayBeSplit(small);
      if (!this.mayBeSplit(large) || item.count * this.data.F < this.size) {
        // Each child's own histogram (both, when there are few rows: cheaper than subtracting whole
        // histograms), and the parent's is free.
        small.hist = smallSplits ? this.build(builds, small) : NO_HISTOGRAM;
        large.hist = this.mayBeSplit(large) ? this.build(builds, large) : NO_HISTOGRAM;
        parents.push(item.hist);
        sibling.push(false);
      } else {
        this.build(builds, small);
        sibling.push(true);
      }
    }
    this.buildAll(builds);
    for (const hist of parents) this.pool.push(hist);
    // Children are found and stacked left, then right (the order depth-first numbering assumes).
    const children: Pending[] = [];
    for (let i = 0; i < smaller.length; i++) {
      const small = smaller[i] as Pending;
      const large = larger[i] as Pending;
      if (sibling[i]) {
        if (arena?.owns(large.hist) && arena.owns(small.hist)) arena.subtract(large.hist, small.hist);
        else for (let j = 0; j < large.hist.length; j++) large.hist[j] = (large.hist[j] as number) - (small.hist[j] as number);
      }
      const first = small.node < large.node ? small : large;
      children.push(first, first === small ? large : small);
    }
    const found = findSplits(children, binning, p, arena, this.allowed);
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as Pending;
      child.split = found[i] ?? null;
      this.open.push(child);
    }
  }
}

/**
 * Node numbers as depth-first growth gives them (a node's children numbered when it is split,
 * the right child's subtree split first), whatever order the nodes were split in.
 */
function depthFirstNumbers(builder: TreeBuilder): Int32Array {
  const ids = new Int32Array(builder.left.length);
  const stack = [0];
  let next = 1;
  while (stack.length > 0) {
    const node = stack.pop() as number;
    const left = builder.left[node] as number;
    const right = builder.right[node] as number;
    if (left === -1) continue;
    ids[left] = next++;
    ids[right] = next++;
    stack.push(left, right);
  }
  return ids;
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
