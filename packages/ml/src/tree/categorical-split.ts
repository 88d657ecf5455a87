// The best two-way split of a categorical feature's bins: categories ordered by gradient/hessian
// ratio, then the best prefix as the left set (the optimal partition for these losses, as LightGBM
// does it). Missing values go right. Categories with less hessian than a child may hold are left
// out of the ordering (they go right): they are noise, and skipping them keeps the sort short.
//
// Regularized as LightGBM's defaults do it (cat_smooth, cat_l2, min_data_per_group,
// max_cat_threshold): a category needs `minCategoryHessian` of hessian to be ordered (rarer ones go
// right; categoryFloor scales it to the tree's size), ratios are smoothed by `smooth` more hessian,
// the split's gain carries `categoryL2` more L2, and the left set is at most `maxCategories`
// categories from either end of the order, grown `groupRows` rows at a time between the cuts tried,
// with at least `groupRows` rows left on the right. Without any of it a 20k-row regression on
// flights (origin and destination airports, ~300 each) fit 7% worse RMSE than XGBoost given the
// airports' codes as numbers. The first three made it better at 20k and 200k rows (20k-row AUC
// +0.013); they still lost to XGBoost on small tables of many categories, where a long prefix of
// noisy ratios fits noise (vega's birdstrikes, 10k rows: AUC 0.7694 against 0.7908, the mean of 5
// holdouts). The last two, with the limit by the tree's rows, bring it to 0.7969 (more figures at
// treeCategoryRegularization). (A fixed hessian floor also cost 200k rows 0.004 AUC and 3M rows
// 0.009: hence it fades with the tree's rows.)
//
// This runs for every node and categorical feature (a third of a 20k-row fit's time before this
// layout), so it allocates nothing per call but the winning set, and sorts with the engine's native
// numeric sort instead of a comparator callback. The bin rides in the low 16 bits of its ratio's
// mantissa, so one sort of plain numbers gives the order: ratios closer than 2^-36 of themselves
// are ordered by those bits, that is by bin (reversed below zero), which is as good an order for
// near-equal ratios as any, and the same on every run, variant and thread count.

export interface CategoryRegularization {
  smooth: number;
  categoryL2: number;
  minCategoryHessian: number;
  /** Rows (estimated from hessian: the node's rows per hessian) the left set grows by between cuts tried, and the least on the right; 0: none. */
  groupRows: number;
  /**
   * Most categories in the left set, tried from both ends of the order; 0: no limit, one scan from
   * the low end (forests'). A fit's 0 is boosting's default, a limit by each tree's rows
   * (treeCategoryRegularization).
   */
  maxCategories: number;
}

/** Rows from which a tree places every category however little hessian it has (see categoryFloor). */
export const CATEGORY_FLOOR_ROWS = 100_000;

/**
 * The hessian a category needs in a node to be placed, for a tree of `rows` rows and hessian `h`:
 * the parameter, at most 1/500 of the tree's hessian (a few hundred rows keep their categories),
 * and fading to none at CATEGORY_FLOOR_ROWS. On small data a rare category's ratio is mostly noise;
 * on large data it is an effect the floor throws away. Measured on flights (AUC on a 20% holdout,
 * 200 trees): 20k rows 0.739–0.743 without a floor, 0.744–0.751 with 20, 0.745–0.753 faded; 50k
 * about equal; 200k 0.778 without, 0.774 with; 3M 0.773 without, 0.764 with; 120k rows with 2,000
 * shops 0.790 without, 0.788 with. Regression on flights' delay: 20k RMSE 33.47 → 33.58, 200k
 * 28.22 → 27.89.
 */
export function categoryFloor(minCategoryHessian: number, h: number, rows: number): number {
  return Math.min(minCategoryHessian, h / 500) * fading(rows);
}

/** 1 for a small tree, falling to 0 at CATEGORY_FLOOR_ROWS rows. */
const fading = (rows: number) => Math.max(0, 1 - rows / CATEGORY_FLOOR_ROWS);

/** Boosting's default limit on the categories a split sends left: this many per CATEGORY_SET_ROWS of the tree's rows, at least MIN_SET_CATEGORIES. */
const SET_CATEGORIES = 32;
const CATEGORY_SET_ROWS = 200_000;
const MIN_SET_CATEGORIES = 4;

/**
 * A tree's regularization from the fit's, for a tree of `rows` rows and hessian `h`: the floor as
 * categoryFloor says; the group of rows fading the same way (a group of 100 rows kept a 60-row shop
 * that was always positive, in 120k rows, from a split of its own: 30 trees scored it 0.30 against
 * 0.6 and more without); and, unless the fit sets one, a limit on the categories sent left in
 * proportion to the tree's rows (SET_CATEGORIES per CATEGORY_SET_ROWS, at least
 * MIN_SET_CATEGORIES). The order of a node's categories is fitted to its rows, so a long prefix of
 * it fits their noise. Measured (AUC or RMSE, mean of 5 random holdouts, 2026-12-07): a left set
 * of at most 32, 8, 4 and 2 categories on vega's birdstrikes (10k rows) 0.7792, 0.7875, 0.7969,
 * 0.8005 (XGBoost on the codes 0.7908); football (6.5k) 0.6546, 0.6882, 0.6875, 0.6653 (0.6610);
 * movies' rating (3k) 0.9509, 0.9461, 0.9459, 0.9595 (0.9499); flights, 5 × 20k rows against 40k
 * 0.6800, 0.6844, 0.6856, 0.6869 (0.6826);
 * 3 × 50k: best at 8 (0.7127, 32: 0.7111); 100k: best at 16 (0.7249, 32: 0.7227); 200k: 32
 * (0.7366, 8: 0.7351, 4: 0.7318; RMSE 29.06, 29.08, 29.25); 3M rows (2.4M in a tree): 32 cost
 * 0.0046 AUC against no limit (0.7682 against 0.7728).
 */
export function treeCategoryRegularization(r: CategoryRegularization, h: number, rows: number): CategoryRegularization {
  const maxCategories =
    r.maxCategories > 0 ? r.maxCategories : Math.max(MIN_SET_CATEGORIES, Math.round((SET_CATEGORIES * rows) / CATEGORY_SET_ROWS));
  return {
    ...r,
    minCategoryHessian: categoryFloor(r.minCategoryHessian, h, rows),
    groupRows: r.groupRows * fading(rows),
    maxCategories,
  };
}

/**
 * Forests' (deep trees, averaged); boosting's come from its parameters categorySmoothing,
 * categoryL2, minCategoryWeight, categoryGroupRows and maxSplitCategories.
 */
export const NO_CATEGORY_REGULARIZATION: CategoryRegularization = {
  smooth: 0,
  categoryL2: 0,
  minCategoryHessian: 0,
  groupRows: 0,
  maxCategories: 0,
};

export interface CategoricalSplit {
  gain: number;
  /** The bins (category code + 1) that go left. */
  leftBins: number[];
  gl: number;
  hl: number;
}

const BIN_BITS = 0xffff;
let keys = new Float64Array(256);
let keyWords = new Uint32Array(keys.buffer);
let order = new Uint16Array(256);

/**
 * The best split of categorical bins [1, nb) of the histogram at `off` for a node of `rows` rows
 * and sums G, H (parent: its score), or null. Bins are (category code + 1); bin 0, missing, goes right.
 */
export function categoricalSplit(
  hist: Float64Array,
  off: number,
  nb: number,
  G: number,
  H: number,
  rows: number,
  l2: number,
  minH: number,
  parent: number,
  r: CategoryRegularization,
): CategoricalSplit | null {
  if (keys.length < nb) {
    keys = new Float64Array(nb);
    keyWords = new Uint32Array(keys.buffer);
    order = new Uint16Array(nb);
  }
  const { smooth, categoryL2, groupRows } = r;
  let m = 0;
  const minCategory = Math.max(minH, r.minCategoryHessian);
  for (let b = 1; b < nb; b++) {
    const h = hist[off + b * 2 + 1] as number;
    if (h >= minCategory) {
      // + 0 turns -0 into 0 (the native sort puts -0 before 0); an empty bin with no l2 is 0, not NaN.
      keys[m] = h + l2 + smooth > 0 ? (hist[off + b * 2] as number) / (h + l2 + smooth) + 0 : 0;
      // Little-endian: word 2m holds the mantissa's low 32 bits.
      keyWords[2 * m] = ((keyWords[2 * m] as number) & ~BIN_BITS) | b;
      m++;
    }
  }
  if (m < 2) return null;
  keys.subarray(0, m).sort();
  for (let i = 0; i < m; i++) order[i] = (keyWords[2 * i] as number) & BIN_BITS;
  // A category's rows, estimated from its hessian as LightGBM does (exact for squared error).
  const rowsPerHessian = rows / H;
  const most = r.maxCategories > 0 ? Math.min(r.maxCategories, (m + 1) >> 1) : m - 1;
  let bestGain = Number.NEGATIVE_INFINITY;
  let bestAt = -1;
  let bestFromTop = false;
  let bestGl = 0;
  let bestHl = 0;
  // From the low end of the order, then (with a limit) from the high end: the first best is kept.
  for (let pass = 0; pass < (r.maxCategories > 0 ? 2 : 1); pass++) {
    let gl = 0;
    let hl = 0;
    let leftRows = 0;
    let groupLeft = 0;
    for (let i = 0; i < m - 1 && i < most; i++) {
      const b = order[pass === 0 ? i : m - 1 - i] as number;
      const h = hist[off + b * 2 + 1] as number;
      gl += hist[off + b * 2] as number;
      hl += h;
      leftRows += h * rowsPerHessian;
      groupLeft += h * rowsPerHessian;
      const HR = H - hl;
      if (hl < minH) continue;
      if (HR < minH || (groupRows > 0 && rows - leftRows < groupRows)) break;
      if (groupLeft < groupRows) continue;
      groupLeft = 0;
      const gain = (gl * gl) / (hl + l2 + categoryL2) + ((G - gl) * (G - gl)) / (HR + l2 + categoryL2) - parent;
      if (bestAt < 0 || gain > bestGain) {
        bestGain = gain;
        bestAt = i;
        bestFromTop = pass === 1;
        bestGl = gl;
        bestHl = hl;
      }
    }
  }
  if (bestAt < 0) return null;
  // The set in the order's own direction, from either end.
  const from = bestFromTop ? m - 1 - bestAt : 0;
  return { gain: bestGain, leftBins: Array.from(order.subarray(from, from + bestAt + 1)), gl: bestGl, hl: bestHl };
}
