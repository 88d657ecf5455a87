// The WebAssembly fitting kernels (wasm/fitting.ts, built into src/wasm/fitting-wasm.ts): their
// compiled module and the functions they export. The fit arena (fit-arena.ts) instantiates them on a
// fit's shared memory; binning-wasm.ts on a memory of its own for the quantile sort.
import { FITTING_WASM_BASE64 } from "../wasm/fitting-wasm.ts";
import { compileOnce } from "../wasm/webassembly.ts";

/** The binning kernels (wasm/binning.ts). */
export interface BinningExports {
  sortSingles(values: number, scratch: number, count: number, m: number): void;
  binColumn(edges: number, column: number, single: number, out: number, n: number): void;
  binCodes(column: number, single: number, out: number, n: number, last: number): void;
  transposeBins(byFeature: number, bins: number, n: number, F: number): void;
}

/** The walk (wasm/walk.ts) the fitting and validation kernels both export. */
export interface WalkExports {
  /** wasm/walk.ts: a tree's values added to the rows list[0, count) (or [0, count) when list is 0). */
  addTreeValues(
    bins: number,
    F: number,
    list: number,
    count: number,
    depth: number,
    tables: number,
    children: number,
    features: number,
    values: number,
    scores: number,
    K: number,
    k: number,
  ): void;
}

/** The kernels wasm/fitting.ts exports, as the fit arena and binning-wasm.ts call them (byte offsets into the memory). */
export interface FittingExports extends BinningExports, WalkExports {
  histogram(
    hist: number,
    bins: number,
    byFeature: number,
    n: number,
    F: number,
    gh: number,
    rows: number,
    start: number,
    end: number,
    offsets: number,
    block: number,
  ): void;
  histogramFeatures(
    hist: number,
    byFeature: number,
    n: number,
    from: number,
    to: number,
    gh: number,
    rows: number,
    start: number,
    end: number,
    offsets: number,
    block: number,
  ): void;
  addInto(dst: number, src: number, pairs: number): void;
  clear(at: number, bytes: number): void;
  subtract(dst: number, src: number, pairs: number): void;
  partition(column: number, rows: number, scratch: number, start: number, end: number, goesLeft: number): number;
  splitRows(column: number, rows: number, lefts: number, rights: number, start: number, end: number, goesLeft: number): number;
  iota(rows: number, n: number): void;
  copyRows(dst: number, src: number, count: number): void;
  addLeafValue(scores: number, rows: number, start: number, end: number, value: number): void;
  addSplitValues(
    scores: number,
    rows: number,
    column: number,
    goesLeft: number,
    start: number,
    end: number,
    vLeft: number,
    vRight: number,
  ): void;
  logisticGradients(
    scores: number,
    label: number,
    gh: number,
    n: number,
    gScale: number,
    hScale: number,
    maxima: number,
    scratch: number,
  ): void;
  regressionGradients(
    scores: number,
    label: number,
    gh: number,
    n: number,
    kind: number,
    delta: number,
    gScale: number,
    hScale: number,
    maxima: number,
  ): void;
  softmaxRows(scores: number, out: number, n: number, K: number, columnBytes: number, scratch: number): void;
  softmaxGradients(
    probabilities: number,
    label: number,
    gh: number,
    n: number,
    k: number,
    gScale: number,
    hScale: number,
    maxima: number,
  ): void;
  bestSplit(
    hist: number,
    features: number,
    count: number,
    offsets: number,
    numBins: number,
    kinds: number,
    G: number,
    H: number,
    rows: number,
    l2: number,
    minH: number,
    parent: number,
    minGain: number,
    smooth: number,
    categoryL2: number,
    minCategoryHessian: number,
    groupRows: number,
    maxCategories: number,
    keys: number,
    order: number,
    out: number,
    leftBins: number,
  ): number;
}

/** The fitting kernels' module, compiled once per process; null where WebAssembly cannot run. */
export const fittingModule = compileOnce(FITTING_WASM_BASE64);
