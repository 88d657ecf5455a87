// Where each of a fit arena's arrays lives in its one WebAssembly memory (fit-arena.ts): byte
// offsets for the kernels, laid out once from the fit's sizes before the memory is made.
import { WALK_LAYOUT_BYTES } from "./binned-scoring.ts";
import type { Binning } from "./binning.ts";
import { MAX_NODE_BATCH } from "./grow.ts";
import { MAX_SPLIT_NODES, NODE_NUMBERS, SPLIT_PARAMS, SPLIT_RESULT } from "./split-jobs.ts";

/** A helper thread's numbers (ArenaLayout.helperNumbers): fit-arena.ts describePass, fit-worker.js. */
export const HELPER_NUMBERS = 8;
/**
 * Each thread's scratch for the kernels (wasm/fitting.ts): the histogram kernel's block of
 * HISTOGRAM_BLOCK_ROWS gradient pairs, or a gradient kernel's table of constants (wasm/math.ts).
 */
export const THREAD_SCRATCH_BYTES = 1024 * 8;

export const PAGE = 65536;
/** 32-bit WebAssembly addresses at most 65536 pages. */
export const MAX_BYTES = 65536 * PAGE;
/**
 * Node histograms beyond this go to ordinary arrays and the JavaScript kernel (a very wide dataset,
 * or best-first trees with thousands of leaves): the arena is allocated whole, before the fit.
 */
const MAX_HISTOGRAM_BYTES = 64 * 1024 * 1024;

export interface ArenaSizes {
  n: number;
  /** Scores per row (outputs); 0 when the fit keeps no scores or labels here (forests). */
  K: number;
  /** Histograms built by helper threads: `batch` each (one per node of a batch, grow.ts nodeBatch). */
  helpers: number;
  batch: number;
  /** How many node histograms a tree may hold at once (open nodes plus the two being built). */
  histogramSlots: number;
  /** Room for this many bundled columns (feature-bundles.ts plannedColumns), or none. */
  bundledColumns?: number | null;
  /** Rows left out of a round's sample (subsample < 1) walk each tree here: their list and the tree's layout. */
  walk?: boolean;
  /** The most bytes the arena may take: MAX_BYTES (32-bit WebAssembly's 4 GiB) unless a test lowers it. */
  maxBytes?: number;
}

/** Byte offsets of the arena's arrays, as the kernels take them. */
export interface ArenaLayout {
  bins: number;
  byFeature: number;
  /**
   * What node histograms are built from (feature-bundles.ts): bins and byFeature with bundles as
   * single columns, their offsets and count; until bundled, bins, byFeature, offsets and F.
   */
  histogramBins: number;
  histogramByFeature: number;
  histogramOffsets: number;
  histogramColumns: number;
  gh: number;
  rows: number;
  scratch: number;
  /** A second scratch for a helper's partition (parallel-fit.ts): rows going right; only with helpers. */
  scratchRight: number;
  /** The row index as dealt to the threads' segments, copied into `rows` at each round; only with helpers. */
  dealt: number;
  scores: number;
  label: number;
  /** n × K class probabilities of a multiclass round (softmaxRows), by class as the scores; only when K > 1. */
  probabilities: number;
  offsets: number;
  /** Which bins go left: one 256-byte table per node of a batch (MAX_NODE_BATCH). */
  goesLeft: number;
  /** The split finder's: candidate features (u32), bins per feature (u32), 1 per categorical feature (u8). */
  candidates: number;
  numBins: number;
  kinds: number;
  /** Its scratch (f64 keys, u16 order) and results (7 f64; a category set as u16 bins). */
  keys: number;
  order: number;
  splitOut: number;
  leftBins: number;
  maxima: number;
  /**
   * Split finding on all threads (split-jobs.ts): its parameters and nodes (f64); per helper, the
   * finder's scratch (maxBins f64 keys, maxBins u16) and per node of a job its result (8 f64: the
   * 7 of splitOut, then the feature or −1) and category set (maxBins u16). Only with helpers.
   */
  splitJobs: number;
  splitKeys: number;
  splitOrder: number;
  splitResults: number;
  splitBins: number;
  /** The most bins of any feature: the stride of the split finder's per-helper arrays. */
  maxBins: number;
  /** HELPER_NUMBERS f64 per helper thread: the gradient maxima it found, and its gradient pass. */
  helperNumbers: number;
  histograms: number;
  parts: number;
  /** The kernels' scratch: THREAD_SCRATCH_BYTES per thread (scratchOf), this thread's first. */
  threadScratch: number;
  /** With sizes.walk: the rows left out of a round's sample (n u32), and a tree's walk layout (binned-scoring.ts walkLayoutAt). */
  unsampled: number;
  walk: number;
}

/** The arena's layout, its size in bytes, and its histogram slots (as many as fit in MAX_HISTOGRAM_BYTES). */
export function planArena(binning: Binning, sizes: ArenaSizes) {
  const { n, K, helpers } = sizes;
  const { totalBins } = binning;
  const F = binning.offset.length;
  const maxBins = binning.numBins.reduce((a, b) => Math.max(a, b), 1);
  const histogramBytes = totalBins * 16;
  const slots = Math.max(0, Math.min(sizes.histogramSlots, Math.floor(MAX_HISTOGRAM_BYTES / histogramBytes)));
  let bytes = 0;
  // Every array starts on a 16-byte boundary (SIMD loads; f64 alignment).
  const place = (size: number) => {
    const at = bytes;
    bytes += Math.ceil(size / 16) * 16;
    return at;
  };
  const layout: ArenaLayout = {
    histograms: place(slots * histogramBytes),
    parts: place(helpers * sizes.batch * histogramBytes),
    threadScratch: place((helpers + 1) * THREAD_SCRATCH_BYTES),
    scores: place(n * K * 8),
    label: place(K > 0 ? n * 8 : 0),
    probabilities: place(K > 1 ? n * K * 8 : 0),
    maxima: place(16),
    helperNumbers: place(helpers * HELPER_NUMBERS * 8),
    gh: place(n * 8),
    rows: place(n * 4),
    scratch: place(n * 4),
    scratchRight: place(helpers > 0 ? n * 4 : 0),
    dealt: place(helpers > 0 ? n * 4 : 0),
    offsets: place(F * 4),
    goesLeft: place(MAX_NODE_BATCH * 256),
    candidates: place(F * 4),
    numBins: place(F * 4),
    kinds: place(F),
    keys: place(maxBins * 8),
    order: place(maxBins * 2),
    splitOut: place(7 * 8),
    leftBins: place(maxBins * 2),
    splitJobs: place(helpers > 0 ? (SPLIT_PARAMS + MAX_SPLIT_NODES * NODE_NUMBERS) * 8 : 0),
    splitKeys: place(helpers * maxBins * 8),
    splitOrder: place(helpers * maxBins * 2),
    splitResults: place(helpers * MAX_SPLIT_NODES * SPLIT_RESULT * 8),
    splitBins: place(helpers * MAX_SPLIT_NODES * maxBins * 2),
    maxBins,
    unsampled: place(sizes.walk ? n * 4 : 0),
    walk: place(sizes.walk ? WALK_LAYOUT_BYTES : 0),
    bins: place(n * F),
    byFeature: place(n * F),
    histogramBins: 0,
    histogramByFeature: 0,
    histogramOffsets: 0,
    histogramColumns: F,
  };
  const room = sizes.bundledColumns ?? 0;
  const bundled = room > 0 ? { bins: place(n * room), byFeature: place(n * room), offsets: place(room * 4) } : null;
  layout.histogramBins = layout.bins;
  layout.histogramByFeature = layout.byFeature;
  layout.histogramOffsets = layout.offsets;
  return { layout, bytes, slots, histogramBytes, maxBins, room, bundled };
}
