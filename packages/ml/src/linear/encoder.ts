// The linear models' view of a row: numeric features standardized with the training mean and
// standard deviation (a missing value becomes the mean, i.e. 0), categorical features one-hot. Rows
// are never materialized as dense vectors: each has one active column per categorical feature.
import type { Dataset, FeatureArray, FeatureInfo } from "../dataset.ts";

export interface Encoder {
  /** Per feature: its first design column; numeric features use one, categorical ones one per category. */
  offset: number[];
  kind: ("numeric" | "categorical")[];
  categories: number[];
  mean: number[];
  std: number[];
  /** Design columns in all. */
  width: number;
}

export function fitEncoder(data: Dataset): Encoder {
  const offset: number[] = [];
  const kind: ("numeric" | "categorical")[] = [];
  const categories: number[] = [];
  const mean: number[] = [];
  const std: number[] = [];
  let width = 0;
  data.features.forEach((f: FeatureInfo, j) => {
    offset.push(width);
    kind.push(f.kind);
    const column = data.columns[j] as FeatureArray;
    if (f.kind === "categorical") {
      let k = f.categories?.length ?? 0;
      if (!f.categories)
        for (let i = 0; i < column.length; i++) {
          const v = column[i] as number;
          if (!Number.isNaN(v) && v + 1 > k) k = v + 1;
        }
      categories.push(k);
      mean.push(0);
      std.push(1);
      width += k;
    } else {
      const [m, sd] = meanAndSd(column);
      categories.push(0);
      mean.push(m);
      std.push(sd > 1e-12 ? sd : 1);
      width += 1;
    }
  });
  return { offset, kind, categories, mean, std, width };
}

/**
 * A column's mean and standard deviation over its values that are not missing. A function of its
 * own, not inline in fitEncoder's callback: there it took 6–10 ns a value (9–15 ms of a 120k × 12
 * fit whose normal equations took 25), compiled anew on stack replacement for each feature.
 */
function meanAndSd(column: FeatureArray): [mean: number, sd: number] {
  let s = 0;
  let s2 = 0;
  let c = 0;
  // Indexed, not for…of: the iterator cost 12 ns a value (a third of a 320k × 28 fit).
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    if (Number.isNaN(v)) continue;
    s += v;
    s2 += v * v;
    c++;
  }
  const m = c ? s / c : 0;
  return [m, c ? Math.sqrt(Math.max(s2 / c - m * m, 0)) : 0];
}

/**
 * A row as (column, value) pairs: `cols[j]` and `vals[j]` for feature j. A categorical feature
 * gives its category's column with value 1 (missing or unseen: value 0).
 */
export function encodeRow(e: Encoder, x: ArrayLike<number>, cols: Int32Array, vals: Float64Array): void {
  for (let j = 0; j < e.kind.length; j++) {
    const v = x[j] as number;
    if (e.kind[j] === "numeric") {
      cols[j] = e.offset[j] as number;
      vals[j] = Number.isNaN(v) ? 0 : (v - (e.mean[j] as number)) / (e.std[j] as number);
    } else {
      const ok = !Number.isNaN(v) && v >= 0 && v < (e.categories[j] as number);
      cols[j] = (e.offset[j] as number) + (ok ? v : 0);
      vals[j] = ok ? 1 : 0;
    }
  }
}

const BLOCK_ROWS = 1024;

/**
 * The training rows of the linear models (loss-kernel.ts, multinomial-loss.ts, normal-equations.ts):
 * per row, the numeric features' standardized values (numeric columns only, n × Fn, in feature
 * order), and the categorical features' design columns (n × Fc; a missing or unseen category:
 * column width + 1, which has no weight). Half the memory of (column, value) pairs on numeric
 * data, and on this machine a fresh page costs more to touch than the loss costs to read it.
 * encodeRow's arithmetic, a block of rows at a time, column by column within it (a row at a time
 * through encodeRow took 0.33 s of a 0.6 s fit on 320k × 28; whole columns at a time stride
 * through all the output once per feature), so a block's output stays in the cache.
 */
export function encodeBlocks(e: Encoder, data: Dataset, into: { dense: Float32Array; codes: Uint32Array }): void {
  const numeric = numericFeatures(e);
  const Fn = numeric.length;
  const Fc = e.kind.length - Fn;
  for (let start = 0; start < data.rows; start += BLOCK_ROWS) {
    const end = Math.min(data.rows, start + BLOCK_ROWS);
    for (let j = 0, a = 0, b = 0; j < e.kind.length; j++) {
      const column = data.columns[j] as FeatureArray;
      const offset = e.offset[j] as number;
      if (e.kind[j] === "numeric") {
        const [mean, std] = [e.mean[j] as number, e.std[j] as number];
        for (let i = start, at = start * Fn + a; i < end; i++, at += Fn) {
          const v = column[i] as number;
          into.dense[at] = Number.isNaN(v) ? 0 : (v - mean) / std;
        }
        a++;
      } else {
        const count = e.categories[j] as number;
        for (let i = start, at = start * Fc + b; i < end; i++, at += Fc) {
          const v = column[i] as number;
          into.codes[at] = !Number.isNaN(v) && v >= 0 && v < count ? offset + v : e.width + 1;
        }
        b++;
      }
    }
  }
}

/** The rows encoded by encodeBlocks into fresh arrays, with the numeric features' design columns. */
export function encodedRows(e: Encoder, data: Dataset): { numCols: number[]; dense: Float32Array; codes: Uint32Array } {
  const numCols = numericFeatures(e);
  const rows = {
    numCols,
    dense: new Float32Array(data.rows * numCols.length),
    codes: new Uint32Array(data.rows * (e.kind.length - numCols.length)),
  };
  encodeBlocks(e, data, rows);
  return rows;
}

/** The numeric features' design columns, in feature order. */
export function numericFeatures(e: Encoder): number[] {
  return e.offset.filter((_, j) => e.kind[j] === "numeric");
}
