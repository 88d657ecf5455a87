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
      if (!f.categories) for (const v of column) if (!Number.isNaN(v) && v + 1 > k) k = v + 1;
      categories.push(k);
      mean.push(0);
      std.push(1);
      width += k;
    } else {
      let s = 0;
      let s2 = 0;
      let c = 0;
      for (const v of column) {
        if (Number.isNaN(v)) continue;
        s += v;
        s2 += v * v;
        c++;
      }
      const m = c ? s / c : 0;
      const sd = c ? Math.sqrt(Math.max(s2 / c - m * m, 0)) : 0;
      categories.push(0);
      mean.push(m);
      std.push(sd > 1e-12 ? sd : 1);
      width += 1;
    }
  });
  return { offset, kind, categories, mean, std, width };
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

/**
 * Encodes every row once (F pairs per row), for the optimizers' many passes: into `into` when
 * given (the WebAssembly loss's memory), else into new arrays.
 */
export function encodeAll(
  e: Encoder,
  data: Dataset,
  into?: { cols: Int32Array; vals: Float32Array },
): { cols: Int32Array; vals: Float32Array } {
  const F = e.kind.length;
  const cols = into?.cols ?? new Int32Array(data.rows * F);
  const vals = into?.vals ?? new Float32Array(data.rows * F);
  const c = new Int32Array(F);
  const v = new Float64Array(F);
  const x = new Float64Array(F);
  for (let i = 0; i < data.rows; i++) {
    for (let j = 0; j < F; j++) x[j] = (data.columns[j] as FeatureArray)[i] as number;
    encodeRow(e, x, c, v);
    cols.set(c, i * F);
    for (let j = 0; j < F; j++) vals[i * F + j] = v[j] as number;
  }
  return { cols, vals };
}
