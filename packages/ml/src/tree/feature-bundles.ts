// Exclusive feature bundling (LightGBM's EFB), for the one-hot columns many datasets arrive with:
// side-by-side features of which no row has more than one away from its usual bin (soil type 1..40,
// each 0 but for one) are built into a node's histogram as one column, so a row costs one histogram
// update for the whole run instead of one per feature. A covertype-like fit (10 numeric + 44
// one-hot columns) spent 62% of its time building histograms.
//
// The trick that keeps everything else as it was: a bundle's column holds, for each row, its one
// unusual feature's bin counted from the bundle's first histogram bin (the histogram's own layout,
// feature after feature), so the kernels add into exactly the bins a per-feature build would. A
// row with every feature at its usual ("default") bin is added to the first feature's default bin.
// After the build, each feature's default bin is restored as the bundle's total less the feature's
// other bins (restoreDefaults). Gradients are on power-of-two grids (gbdt/quantize.ts), so these
// sums are exact: the histograms, and so the trees, are bit for bit those of building feature by
// feature. Only runs of adjacent features are bundled (one-hot levels are written side by side),
// and only when strictly exclusive on the training rows.
import type { BinnedRows, Binning } from "./binning.ts";

/** A bundle of two or more features: their default bins are restored after every build. */
export interface FeatureBundle {
  features: number[];
  /** Each feature's default bin (the one a row that is not unusual in it falls in). */
  defaults: number[];
}

/** What node histograms are built from: the binned rows, with bundles as single columns. */
export interface HistogramSource {
  /** Columns (a feature, or a bundle). */
  F: number;
  /** bins[i * F + c]: row i's bin of column c, counted from the column's offset. */
  bins: Uint8Array;
  /** byFeature[c * n + i]: the same by column. */
  byFeature: Uint8Array;
  /** Where each column's bins start in a histogram (its first feature's bins). */
  offset: Uint32Array;
  /** The bundles of two or more features (none: every column is one feature). */
  bundles: FeatureBundle[];
}

/** A column's bins: at most 256 histogram bins from its first feature's first to its last's last. */
const MAX_SPAN = 256;
/** A feature takes part when at most this share of the (sampled) rows is away from its default bin. */
const MAX_UNUSUAL = 0.5;

/** Bundling is on unless ROUNDHOUSE_FEATURE_BUNDLES=off (the tests and `pnpm bench:ml` compare the two). */
export function featureBundling(): boolean {
  return process.env.ROUNDHOUSE_FEATURE_BUNDLES !== "off";
}

/** The binned rows as they are: one column per feature. */
export function unbundled(data: BinnedRows, binning: Binning): HistogramSource {
  return { F: data.F, bins: data.bins, byFeature: data.byFeature, offset: binning.offset, bundles: [] };
}

/**
 * The columns bundling could make, from binning's default-bin shares (fitBinning's sample): before
 * the rows are binned, so the fit arena can keep room for them. Null when nothing would bundle.
 */
export function plannedColumns(binning: Binning): number | null {
  const F = binning.offset.length;
  let columns = 0;
  let start = -1;
  let unusual = 0;
  for (let f = 0; f < F; f++) {
    const share = 1 - (binning.defaultShare[f] as number);
    const fits =
      start >= 0 &&
      share <= MAX_UNUSUAL &&
      !binning.categorical[f] &&
      unusual + share <= 1 &&
      (binning.offset[f] as number) + (binning.numBins[f] as number) - (binning.offset[start] as number) <= MAX_SPAN;
    if (fits) {
      unusual += share;
      continue;
    }
    columns++;
    start = share <= MAX_UNUSUAL && !binning.categorical[f] ? f : -1;
    unusual = share;
  }
  return columns < F ? columns : null;
}

/**
 * The columns to keep room for: the plan is a floor (a sample cannot see every row that is unusual
 * in two features, and such a pair splits a run), so a half more, short of one per feature.
 */
export function bundleRoom(planned: number | null, F: number): number | null {
  return planned === null ? null : Math.min(F - 1, planned + Math.max(4, Math.ceil(planned / 2)));
}

/**
 * Bundles the binned rows' adjacent sparse features where no row is unusual in two of them. `room`
 * gives the arrays for up to room.columns columns (the fit arena's); null when nothing bundles or
 * the bundles need more columns than that.
 */
export function bundleFeatures(
  data: BinnedRows,
  binning: Binning,
  room?: { columns: number; arrays: (columns: number, offset: Uint32Array) => Pick<HistogramSource, "bins" | "byFeature"> } | null,
): HistogramSource | null {
  const { n, F } = data;
  const groups = exclusiveRuns(data, binning);
  if (groups.length === F || (room && groups.length > room.columns)) return null;
  const B = groups.length;
  const offset = new Uint32Array(B);
  groups.forEach((g, c) => {
    offset[c] = binning.offset[g.features[0] as number] as number;
  });
  const arrays = room ? room.arrays(B, offset) : { bins: new Uint8Array(new SharedArrayBuffer(n * B)), byFeature: new Uint8Array(n * B) };
  const { bins, byFeature } = arrays;
  groups.forEach((group, c) => {
    const out = byFeature.subarray(c * n, (c + 1) * n);
    const first = group.features[0] as number;
    if (group.features.length === 1) {
      out.set(data.byFeature.subarray(first * n, (first + 1) * n));
      return;
    }
    out.fill(group.defaults[0] as number);
    group.features.forEach((f, j) => {
      const column = data.byFeature.subarray(f * n, (f + 1) * n);
      const usual = group.defaults[j] as number;
      const shift = (binning.offset[f] as number) - (offset[c] as number);
      for (let i = 0; i < n; i++) {
        const b = column[i] as number;
        if (b !== usual) out[i] = shift + b;
      }
    });
  });
  // Row by row, a block of rows at a time (as binRows: one column at a time misses the cache per row).
  for (let start = 0; start < n; start += 2048) {
    const end = Math.min(n, start + 2048);
    for (let c = 0; c < B; c++) for (let i = start; i < end; i++) bins[i * B + c] = byFeature[c * n + i] as number;
  }
  return { F: B, bins, byFeature, offset, bundles: groups.filter((g) => g.features.length > 1) };
}

/**
 * Runs of adjacent features, each a column: a sparse numeric feature joins the run before it while
 * no row is unusual in both and the run's bins span at most MAX_SPAN.
 */
function exclusiveRuns(data: BinnedRows, binning: Binning): FeatureBundle[] {
  const { n, F } = data;
  // owner[i]: the run (+ 1) that row i is unusual in, so runs need no clearing between them.
  const owner = new Int32Array(n);
  const groups: FeatureBundle[] = [];
  let run: FeatureBundle | null = null;
  let counts = new Uint32Array(256);
  for (let f = 0; f < F; f++) {
    const column = data.byFeature.subarray(f * n, (f + 1) * n);
    const sparse = !binning.categorical[f] && 1 - (binning.defaultShare[f] as number) <= MAX_UNUSUAL;
    if (!sparse) {
      groups.push({ features: [f], defaults: [0] });
      run = null;
      continue;
    }
    counts = counts.fill(0);
    for (let i = 0; i < n; i++) (counts[column[i] as number] as number)++;
    let usual = 0;
    for (let b = 1; b < 256; b++) if ((counts[b] as number) > (counts[usual] as number)) usual = b;
    const first = run ? (run.features[0] as number) : f;
    const span = (binning.offset[f] as number) + (binning.numBins[f] as number) - (binning.offset[first] as number);
    const id = groups.length;
    let joins = run !== null && span <= MAX_SPAN;
    if (joins) for (let i = 0; i < n && joins; i++) if ((column[i] as number) !== usual && owner[i] === id) joins = false;
    if (joins && run) {
      run.features.push(f);
      run.defaults.push(usual);
    } else {
      run = { features: [f], defaults: [usual] };
      groups.push(run);
    }
    const mark = groups.length;
    for (let i = 0; i < n; i++) if ((column[i] as number) !== usual) owner[i] = mark;
  }
  return groups;
}

/**
 * Restores each bundled feature's default bin in a histogram built from bundled columns: the
 * bundle's total (every row is in exactly one of its bins) less the feature's other bins.
 */
export function restoreDefaults(hist: Float64Array, binning: Binning, bundles: FeatureBundle[]) {
  for (const { features, defaults } of bundles) {
    const first = features[0] as number;
    const last = features[features.length - 1] as number;
    const lo = (binning.offset[first] as number) * 2;
    const hi = ((binning.offset[last] as number) + (binning.numBins[last] as number)) * 2;
    let G = 0;
    let H = 0;
    for (let j = lo; j < hi; j += 2) {
      G += hist[j] as number;
      H += hist[j + 1] as number;
    }
    for (let k = 0; k < features.length; k++) {
      const f = features[k] as number;
      const at = (binning.offset[f] as number) * 2;
      const usual = at + (defaults[k] as number) * 2;
      let g = G;
      let h = H;
      for (let j = at; j < at + (binning.numBins[f] as number) * 2; j += 2) {
        if (j === usual) continue;
        g -= hist[j] as number;
        h -= hist[j + 1] as number;
      }
      hist[usual] = g;
      hist[usual + 1] = h;
    }
  }
}
