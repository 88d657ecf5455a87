// Synthetic data with a known answer, for the unit tests and the engine's warm-up (warm-up.ts).
import type { Dataset } from "./dataset.ts";
import { rng } from "./dataset.ts";

/**
 * Features: x0 ~ U(-2, 2) (10% missing), x1 ~ U(-2, 2), color ∈ {red, green, blue}, noise.
 * Score = 1.5·x0 − x1 + (color = green ? 2 : color = blue ? −1 : 0) + (x0 missing ? 1.5 : 0).
 */
export function synthetic(n: number, task: "binary" | "regression" | "multiclass", seed = 1): Dataset {
  const r = rng(seed);
  const x0 = new Float32Array(n);
  const x1 = new Float32Array(n);
  const color = new Float32Array(n);
  const noise = new Float32Array(n);
  const label = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = r() * 4 - 2;
    const missing = r() < 0.1;
    x0[i] = missing ? Number.NaN : a;
    x1[i] = r() * 4 - 2;
    color[i] = Math.floor(r() * 3);
    noise[i] = r();
    const s = (missing ? 1.5 : 1.5 * a) - (x1[i] as number) + ([0, 2, -1][color[i] as number] as number);
    if (task === "regression") label[i] = s + (r() - 0.5) * 0.2;
    else if (task === "binary") label[i] = r() < 1 / (1 + Math.exp(-2 * s)) ? 1 : 0;
    else label[i] = s < -0.5 ? 0 : s < 1.5 ? 1 : 2;
  }
  return {
    rows: n,
    features: [
      { name: "x0", kind: "numeric" },
      { name: "x1", kind: "numeric" },
      { name: "color", kind: "categorical", categories: ["red", "green", "blue"] },
      { name: "noise", kind: "numeric" },
    ],
    columns: [x0, x1, color, noise],
    label,
  };
}

/**
 * A table shaped like the ones users bring: `numeric` numeric columns (5% missing, a few hundred
 * distinct values each) and `categorical` columns of `levels` categories each; the label (binary)
 * depends on two numeric columns and on each category's own effect.
 */
export function syntheticTable(n: number, shape: { numeric: number; categorical: number; levels: number }, seed = 1): Dataset {
  const r = rng(seed);
  const { numeric, categorical, levels } = shape;
  const columns = Array.from({ length: numeric + categorical }, () => new Float32Array(n));
  const effect = Array.from({ length: levels }, () => r() * 2 - 1);
  const label = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let f = 0; f < numeric; f++) {
      const v = Math.round(r() * 400) / 4;
      (columns[f] as Float32Array)[i] = r() < 0.05 ? Number.NaN : v;
      if (f < 2) s += (f === 0 ? v - 50 : 50 - v) / 30;
    }
    for (let c = 0; c < categorical; c++) {
      const level = Math.floor(r() * levels);
      (columns[numeric + c] as Float32Array)[i] = level;
      s += effect[level] as number;
    }
    label[i] = r() < 1 / (1 + Math.exp(-s)) ? 1 : 0;
  }
  const categories = Array.from({ length: levels }, (_, k) => `level ${k}`);
  const features = columns.map((_, f) =>
    f < numeric ? { name: `n${f}`, kind: "numeric" as const } : { name: `c${f - numeric}`, kind: "categorical" as const, categories },
  );
  return { rows: n, features, columns, label };
}
