// One WebAssembly memory per fit holding everything the hot loops touch: the binned rows (by row
// and by feature), gradient pairs, the row index and its scratch, scores, and slots for node
// histograms, so the fitting kernels (wasm/fitting.ts) work on them in place. The memory is
// shared, so the fit's helper threads run the same kernels on the same arrays. JavaScript reads
// and writes the same bytes through typed-array views (grow.ts's split finder, the gradients).
// A fit that ends releases its memory to the process's next fit (SPARE_BYTES), zeroed again there:
// the first write to each page of a new memory costs a page fault, 2.6 ms a megabyte on this
// machine kind (a 200k-row fit's 14 MB arena: about 38 ms), and zeroing a used one 0.3 ms.
// Without WebAssembly, with ROUNDHOUSE_FIT_KERNEL set to generated or reference, or above 32-bit
// WebAssembly's 4 GiB, there is no arena and the JavaScript kernels run on ordinary arrays.

import type { FeatureArray } from "../dataset.ts";
import { type WasmMemory, type WasmModule, wasm } from "../wasm/webassembly.ts";
import { type ArenaLayout, type ArenaSizes, HELPER_NUMBERS, MAX_BYTES, PAGE, planArena, THREAD_SCRATCH_BYTES } from "./arena-layout.ts";
import { wasmWalk } from "./binned-scoring.ts";
import type { Binning } from "./binning.ts";
import type { CategoryRegularization } from "./categorical-split.ts";
import { type FittingExports, fittingModule } from "./fitting-kernels.ts";
import { MAX_NODE_BATCH } from "./grow.ts";
import { fitKernelVariant } from "./histogram-kernel.ts";
import { MAX_SPLIT_NODES, NODE_NUMBERS, SPLIT_PARAMS, SPLIT_RESULT } from "./split-jobs.ts";
import type { Tree } from "./tree.ts";

/** The regression objectives the arena computes gradients for, by their number in wasm/fitting.ts. */
const REGRESSION_KINDS = ["reg:squared", "reg:absolute", "reg:huber"] as const;
export type RegressionObjective = (typeof REGRESSION_KINDS)[number];

/**
 * One pass of the gradient kernels over a range of rows, rounded to the grids of these scales
 * (gbdt/quantize.ts): binary:logistic; a regression loss; a multiclass round's class
 * probabilities (softmaxRows, no gradients); or output k's multi:softmax gradients from them. Rows
 * are independent, so a pass may be cut into ranges, one per thread (parallel-fit.ts).
 */
export type GradientPass =
  | { kind: "logistic"; gScale: number; hScale: number }
  | { kind: "regression"; objective: RegressionObjective; huberDelta: number; gScale: number; hScale: number }
  | { kind: "softmaxRows" }
  | { kind: "softmax"; k: number; gScale: number; hScale: number };

/**
 * A helper thread's eight numbers (layout.helperNumbers), as fit-worker.js reads them: the largest
 * |g| and h it found, then its pass: grid scales, the pass's number (GRADIENT_PASSES), the
 * regression kind or the output k, the Huber delta, and K.
 */
const GRADIENT_PASSES = ["logistic", "regression", "softmaxRows", "softmax"] as const;

/** What a split search needs besides the histogram: the node's sums and parent score, and the fit's limits. */
type SplitSearch = [
  G: number,
  H: number,
  rows: number,
  l2: number,
  minH: number,
  parent: number,
  minGain: number,
  categories: CategoryRegularization,
];

export interface FitArena {
  module: WasmModule;
  memory: WasmMemory;
  /**
   * Gives the memory to the process's next fit: call it when this fit is over and no thread
   * (no helper stopped mid-job) can still write to it; the arena must not be used after.
   */
  release(): void;
  layout: ArenaLayout;
  n: number;
  F: number;
  /** bins[i * F + f] and byFeature[f * n + i], as BinnedRows holds them. */
  bins: Uint8Array;
  byFeature: Uint8Array;
  /** Room for bundled columns (feature-bundles.ts bundleFeatures), null without: its arrays are then what histograms are built from. */
  bundleRoom: { columns: number; arrays: (columns: number, offset: Uint32Array) => { bins: Uint8Array; byFeature: Uint8Array } } | null;
  gh: Float32Array;
  rows: Uint32Array;
  scratch: Uint32Array;
  /**
   * n × K scores by output: output k of row i at k × n + i, so each output's gradient pass and score
   * update read its scores together (objectives.ts Gradients); and n labels (both empty when K = 0).
   */
  scores: Float64Array;
  label: Float64Array;
  /** Each helper thread's histograms: parts[helper][node of a batch]. */
  parts: Float64Array[][];
  /** Each helper thread's numbers (layout.helperNumbers, HELPER_NUMBERS): [maxG, maxH, then its pass]. */
  helperNumbers: Float64Array[];
  /** Writes a pass into a helper's numbers, for its part of the rows. */
  describePass(pass: GradientPass, numbers: Float64Array): void;
  /** A histogram in the arena, not zeroed, or null when every slot is taken (use an ordinary array). */
  takeHistogram(): Float64Array | null;
  /** Frees every histogram slot: a new tree starts. */
  resetHistograms(): void;
  owns(array: ArrayBufferView): boolean;
  /** Zeroes an array in the arena (WebAssembly's memory.fill: a typed array's fill is slow on shared memory). */
  clear(array: Float64Array): Float64Array;
  histogram(hist: Float64Array, start: number, end: number): void;
  /** Adds rows [start, end) to the bins of features [from, to) only (a thread's features of a wide node). */
  histogramFeatures(hist: Float64Array, start: number, end: number, from: number, to: number): void;
  /** Zeroes the bins of features [from, to). */
  clearFeatures(hist: Float64Array, from: number, to: number): void;
  /** Byte offset of a thread's scratch for the kernels (0: this thread; w + 1: helper w). */
  scratchOf(thread: number): number;
  /** Bins numeric feature f's column into byFeature by its edges, in WebAssembly (binning-wasm.ts). */
  binColumn(f: number, column: FeatureArray, edges: Float64Array): void;
  /** Bins categorical feature f's codes into byFeature (0 missing, code + 1, at most `last`), in WebAssembly. */
  binCodes(f: number, column: FeatureArray, last: number): void;
  /** Copies byFeature's bins into bins, row by row. */
  transposeBins(): void;
  addInto(dst: Float64Array, src: Float64Array): void;
  /** dst -= src, element by element (the sibling trick's larger child). */
  subtract(dst: Float64Array, src: Float64Array): void;
  /**
   * grow.ts's partition of rows[start, end): rows whose bin of `feature` goes left (goesLeft[bin] = 1)
   * first, in place (scratch[start, end) holds the rights meanwhile, so ranges can be partitioned at
   * once by different threads); a number: the table setGoesLeft set at that place.
   */
  partition(feature: number, start: number, end: number, goesLeft: Uint8Array | number): number;
  /** Sets the table at `place` (< MAX_NODE_BATCH) that partitions read: goesLeft[bin] = 1 where a bin goes left. */
  setGoesLeft(goesLeft: Uint8Array, place: number): void;
  /**
   * A helper's partition of rows[start, end) that failed after splitting them into scratch (lefts)
   * and scratchRight (rights) from `start`: copies the `lefts` lefts and then the rights back; returns `lefts`.
   */
  copyBack(start: number, end: number, lefts: number): number;
  /** rows[i] = i for i < n. */
  resetRows(n: number): void;
  /**
   * Lays out the row index dealt to `threads` segments in blocks of `block` rows (block b to segment
   * b mod threads), keeps it, and returns the segments as [start, end) pairs (needs helpers).
   */
  dealRows(threads: number, block: number): number[];
  /** Copies the dealt layout into `rows` (a new round). */
  restoreDealtRows(): void;
  /** Adds a leaf's value to output k's scores of rows [start, end) of the row index. */
  addLeafValue(start: number, end: number, k: number, value: number): void;
  /** With sizes.walk: where a round's sample leaves its left-out rows (train.ts drawSample); else null. */
  unsampled: Uint32Array | null;
  /**
   * Adds the tree's values to the scores of unsampled[0, count) by the walk (wasm/walk.ts); false
   * (nothing done) without sizes.walk or for a tree of more than WALK_NODES nodes.
   */
  addTreeValues(tree: Tree, count: number, k: number): boolean;
  /**
   * A last split's leaf values added to the scores of rows [start, end), unpartitioned (grow.ts
   * LastSplit); `goesLeft` a table, or a number: the table setGoesLeft set at that place.
   */
  addSplitValues(
    feature: number,
    goesLeft: Uint8Array | number,
    start: number,
    end: number,
    k: number,
    vLeft: number,
    vRight: number,
  ): void;
  /**
   * A gradient pass over rows [start, end): the gradients of gbdt/objectives.ts from scores and
   * labels, rounded to the pass's grids; returns the largest |g| and h before rounding (0 and 0 for
   * softmaxRows).
   */
  gradients(pass: GradientPass, start: number, end: number): [maxG: number, maxH: number];
  /**
   * grow.ts's findSplit over a histogram in the arena: the winning feature (-1 for none); its gain,
   * feature, bin, default direction, gl, hl and category count in `splitOut`, a category set in `leftBins`.
   */
  /** The features the split finder considers until told otherwise (a tree's). */
  useCandidates(features: number[]): void;
  /** Over `candidates`, or when null those of useCandidates. */
  bestSplit(hist: Float64Array, candidates: number[] | null, ...search: SplitSearch): number;
  /** bestSplit over candidates [from, to) of useCandidates' list (a thread's part, split-jobs.ts). */
  bestSplitPart(hist: Float64Array, from: number, to: number, ...search: SplitSearch): number;
  splitOut: Float64Array;
  leftBins: Uint16Array;
  /** layout.splitJobs, splitResults and splitBins (helper w's node i at (w × MAX_SPLIT_NODES + i) × SPLIT_RESULT, × maxBins). */
  splitJobs: Float64Array;
  splitResults: Float64Array;
  splitBins: Uint16Array;
}

/**
 * The fit's arena, with room for feature bundles when asked; room for bundles must not cost the
 * arena: one too big for memory with it is made without (its fit then builds from unbundled columns).
 */
export function fitArenaFor(binning: Binning, sizes: ArenaSizes): FitArena | null {
  return createFitArena(binning, sizes) ?? (sizes.bundledColumns ? createFitArena(binning, { ...sizes, bundledColumns: null }) : null);
}

/**
 * The largest memory a finished fit leaves for the next: below it a process keeps the memory
 * between fits, as it held it during them; a bigger one is left to the garbage collector.
 */
const SPARE_BYTES = 256 * 1024 * 1024;
let spare: WasmMemory | null = null;

/** A memory of at least `pages` pages whose first `bytes` are zero: the spare if it is big enough. */
function memoryOf(pages: number, bytes: number): WasmMemory {
  const kept = spare;
  spare = null;
  if (kept && kept.buffer.byteLength >= pages * PAGE) {
    // As a new memory's: every kernel and view may assume zeros where nothing was written yet.
    new Float64Array(kept.buffer, 0, Math.ceil(bytes / 8)).fill(0);
    return kept;
  }
  return new wasm.Memory({ initial: pages, maximum: pages, shared: true });
}

/**
 * Makes the spare memory at least `bytes` long and writes to each of its pages, so that a fit that
 * fits in it pays no page faults: a process waiting for its job (warm-up.ts) has the time.
 */
export function prepareFitMemory(bytes: number): void {
  const pages = Math.max(1, Math.ceil(Math.min(bytes, SPARE_BYTES) / PAGE));
  if (spare && spare.buffer.byteLength >= pages * PAGE) return;
  if (fitKernelVariant() !== "wasm" || !fittingModule()) return;
  try {
    const memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
    const words = new Int32Array(memory.buffer);
    for (let i = 0; i < words.length; i += 1024) words[i] = 0;
    spare = memory;
  } catch {
    // Not enough memory now: the fit makes its own.
  }
}

export function createFitArena(binning: Binning, sizes: ArenaSizes): FitArena | null {
  if (fitKernelVariant() !== "wasm") return null;
  const module = fittingModule();
  if (!module) return null;
  const { n, K, helpers } = sizes;
  const { totalBins } = binning;
  const F = binning.offset.length;
  const { layout, bytes, slots, histogramBytes, maxBins, room, bundled } = planArena(binning, sizes);
  if (bytes > (sizes.maxBytes ?? MAX_BYTES)) return null;
  const pages = Math.max(1, Math.ceil(bytes / PAGE));
  let memory: WasmMemory;
  let kernels: FittingExports;
  try {
    memory = memoryOf(pages, bytes);
    kernels = new wasm.Instance(module, { env: { memory, abort() {} } }).exports as unknown as FittingExports;
  } catch {
    // Not enough memory for one block of this size: the JavaScript kernels use separate arrays.
    return null;
  }
  const buffer = memory.buffer;
  const L = layout;
  // Views made once per slot and kept: a slot is reused by every tree of the fit.
  const views: Float64Array[] = [];
  const histogramAt = (slot: number) => {
    views[slot] ??= new Float64Array(buffer, L.histograms + slot * histogramBytes, totalBins * 2);
    return views[slot];
  };
  let used = 0;
  const goesLeftView = new Uint8Array(buffer, L.goesLeft, MAX_NODE_BATCH * 256);
  const walk = sizes.walk ? wasmWalk(kernels, buffer, L.walk) : null;
  const maxima = new Float64Array(buffer, L.maxima, 2);
  const column = (feature: number) => L.byFeature + feature * n;
  /**
   * A column to bin copied to where the gradient pairs will be (n × 8 bytes, free until the first
   * gradient pass); returns 1 when it is float32, as the binning kernels take it.
   */
  const columnIn = (values: FeatureArray) => {
    const single = values instanceof Float32Array;
    (single ? new Float32Array(buffer, L.gh, n) : new Float64Array(buffer, L.gh, n)).set(values);
    return single ? 1 : 0;
  };
  new Uint32Array(buffer, L.offsets, F).set(binning.offset);
  // Where the histogram columns' bins start (bundled: feature-bundles.ts), for clearing a thread's columns.
  let columnOffset: ArrayLike<number> = binning.offset;
  // The split finder's bin counts (a categorical feature's shared last bin is not placed).
  new Uint32Array(buffer, L.numBins, F).set(binning.splitBins);
  new Uint8Array(buffer, L.kinds, F).set(binning.categorical.map((c) => (c ? 1 : 0)));
  const candidates = new Uint32Array(buffer, L.candidates, F);
  let candidateCount = 0;
  let released = false;
  return {
    module,
    memory,
    release() {
      if (!released && memory.buffer.byteLength <= SPARE_BYTES) spare = memory;
      released = true;
    },
    layout,
    n,
    F,
    bins: new Uint8Array(buffer, L.bins, n * F),
    byFeature: new Uint8Array(buffer, L.byFeature, n * F),
    bundleRoom: bundled && {
      columns: room,
      arrays(columns, offset) {
        L.histogramBins = bundled.bins;
        L.histogramByFeature = bundled.byFeature;
        L.histogramOffsets = bundled.offsets;
        L.histogramColumns = columns;
        new Uint32Array(buffer, bundled.offsets, columns).set(offset);
        columnOffset = offset;
        return {
          bins: new Uint8Array(buffer, bundled.bins, n * columns),
          byFeature: new Uint8Array(buffer, bundled.byFeature, n * columns),
        };
      },
    },
    gh: new Float32Array(buffer, L.gh, 2 * n),
    rows: new Uint32Array(buffer, L.rows, n),
    scratch: new Uint32Array(buffer, L.scratch, n),
    scores: new Float64Array(buffer, L.scores, n * K),
    label: new Float64Array(buffer, L.label, K > 0 ? n : 0),
    parts: Array.from({ length: helpers }, (_, w) =>
      Array.from(
        { length: sizes.batch },
        (_, i) => new Float64Array(buffer, L.parts + (w * sizes.batch + i) * histogramBytes, totalBins * 2),
      ),
    ),
    helperNumbers: Array.from(
      { length: helpers },
      (_, w) => new Float64Array(buffer, L.helperNumbers + w * HELPER_NUMBERS * 8, HELPER_NUMBERS),
    ),
    describePass(pass, numbers) {
      const scales = pass.kind === "softmaxRows" ? [0, 0] : [pass.gScale, pass.hScale];
      const which = pass.kind === "regression" ? REGRESSION_KINDS.indexOf(pass.objective) : pass.kind === "softmax" ? pass.k : 0;
      const delta = pass.kind === "regression" ? pass.huberDelta : 0;
      numbers.set([...scales, GRADIENT_PASSES.indexOf(pass.kind), which, delta, K], 2);
    },
    takeHistogram() {
      // Not zeroed (a slot from an earlier tree is not zero): its builder zeroes it (grow.ts HistogramTask).
      return used < slots ? histogramAt(used++) : null;
    },
    resetHistograms() {
      used = 0;
    },
    owns: (array) => array.buffer === buffer,
    clear(array) {
      kernels.clear(array.byteOffset, array.byteLength);
      return array;
    },
    histogram: (hist, start, end) =>
      kernels.histogram(
        hist.byteOffset,
        L.histogramBins,
        L.histogramByFeature,
        n,
        L.histogramColumns,
        L.gh,
        L.rows,
        start,
        end,
        L.histogramOffsets,
        L.threadScratch,
      ),
    histogramFeatures: (hist, start, end, from, to) =>
      kernels.histogramFeatures(
        hist.byteOffset,
        L.histogramByFeature,
        n,
        from,
        to,
        L.gh,
        L.rows,
        start,
        end,
        L.histogramOffsets,
        L.threadScratch,
      ),
    clearFeatures(hist, from, to) {
      const first = (columnOffset[from] as number) * 16;
      const last = to < L.histogramColumns ? (columnOffset[to] as number) * 16 : hist.byteLength;
      kernels.clear(hist.byteOffset + first, last - first);
    },
    scratchOf: (thread) => L.threadScratch + thread * THREAD_SCRATCH_BYTES,
    binColumn(f, column, edges) {
      // Its edges, padded to 256 with +Infinity, into this thread's scratch.
      const single = columnIn(column);
      new Float64Array(buffer, L.threadScratch, 256).fill(Number.POSITIVE_INFINITY).set(edges);
      kernels.binColumn(L.threadScratch, L.gh, single, L.byFeature + f * n, n);
    },
    binCodes(f, column, last) {
      kernels.binCodes(L.gh, columnIn(column), L.byFeature + f * n, n, last);
    },
    transposeBins: () => kernels.transposeBins(L.byFeature, L.bins, n, F),
    addInto: (dst, src) => kernels.addInto(dst.byteOffset, src.byteOffset, dst.length >> 1),
    subtract: (dst, src) => kernels.subtract(dst.byteOffset, src.byteOffset, dst.length >> 1),
    partition(feature, start, end, goesLeft) {
      if (typeof goesLeft !== "number") goesLeftView.set(goesLeft);
      const table = L.goesLeft + (typeof goesLeft === "number" ? goesLeft * 256 : 0);
      return kernels.partition(column(feature), L.rows, L.scratch + start * 4, start, end, table);
    },
    setGoesLeft: (goesLeft, place) => goesLeftView.set(goesLeft, place * 256),
    copyBack(start, end, lefts) {
      kernels.copyRows(L.rows + start * 4, L.scratch + start * 4, lefts);
      kernels.copyRows(L.rows + (start + lefts) * 4, L.scratchRight + start * 4, end - start - lefts);
      return lefts;
    },
    resetRows: (count) => kernels.iota(L.rows, count),
    dealRows(threads, block) {
      const dealt = new Uint32Array(buffer, L.dealt, n);
      const segments: number[] = [];
      let at = 0;
      for (let t = 0; t < threads; t++) {
        segments.push(at);
        for (let b = t * block; b < n; b += threads * block) for (let i = b; i < Math.min(n, b + block); i++) dealt[at++] = i;
        segments.push(at);
      }
      return segments;
    },
    restoreDealtRows: () => kernels.copyRows(L.rows, L.dealt, n),
    addLeafValue: (start, end, k, value) => kernels.addLeafValue(L.scores + k * n * 8, L.rows, start, end, value),
    unsampled: sizes.walk ? new Uint32Array(buffer, L.unsampled, n) : null,
    addTreeValues: (tree, count, k) => walk?.(tree, L.bins, F, L.unsampled, count, L.scores + k * n * 8, 1, 0) ?? false,
    addSplitValues(feature, goesLeft, start, end, k, vLeft, vRight) {
      if (typeof goesLeft !== "number") goesLeftView.set(goesLeft);
      const table = L.goesLeft + (typeof goesLeft === "number" ? goesLeft * 256 : 0);
      kernels.addSplitValues(L.scores + k * n * 8, L.rows, column(feature), table, start, end, vLeft, vRight);
    },
    gradients(pass, start, end) {
      // Row `start` of each array; of the first output's scores and probabilities (K columns of n).
      const [scores, probabilities, label, gh] = [L.scores + start * 8, L.probabilities + start * 8, L.label + start * 8, L.gh + start * 8];
      const count = end - start;
      if (pass.kind === "softmaxRows") {
        kernels.softmaxRows(scores, probabilities, count, K, n * 8, L.threadScratch);
        return [0, 0];
      }
      const { gScale: gs, hScale: hs } = pass;
      if (pass.kind === "logistic") kernels.logisticGradients(scores, label, gh, count, gs, hs, L.maxima, L.threadScratch);
      else if (pass.kind === "softmax")
        kernels.softmaxGradients(probabilities + pass.k * n * 8, label, gh, count, pass.k, gs, hs, L.maxima);
      else
        kernels.regressionGradients(scores, label, gh, count, REGRESSION_KINDS.indexOf(pass.objective), pass.huberDelta, gs, hs, L.maxima);
      return [maxima[0] as number, maxima[1] as number];
    },
    useCandidates(features) {
      candidates.set(features);
      candidateCount = features.length;
    },
    bestSplit(hist, features, ...search) {
      if (features) this.useCandidates(features);
      return this.bestSplitPart(hist, 0, candidateCount, ...search);
    },
    bestSplitPart(hist, from, to, G, H, rows, l2, minH, parent, minGain, categories) {
      return kernels.bestSplit(
        hist.byteOffset,
        L.candidates + from * 4,
        to - from,
        L.offsets,
        L.numBins,
        L.kinds,
        G,
        H,
        rows,
        l2,
        minH,
        parent,
        minGain,
        categories.smooth,
        categories.categoryL2,
        categories.minCategoryHessian,
        categories.groupRows,
        categories.maxCategories,
        L.keys,
        L.order,
        L.splitOut,
        L.leftBins,
      );
    },
    splitOut: new Float64Array(buffer, L.splitOut, 7),
    leftBins: new Uint16Array(buffer, L.leftBins, maxBins),
    splitJobs: new Float64Array(buffer, L.splitJobs, helpers > 0 ? SPLIT_PARAMS + MAX_SPLIT_NODES * NODE_NUMBERS : 0),
    splitResults: new Float64Array(buffer, L.splitResults, helpers * MAX_SPLIT_NODES * SPLIT_RESULT),
    splitBins: new Uint16Array(buffer, L.splitBins, helpers * MAX_SPLIT_NODES * maxBins),
  };
}
