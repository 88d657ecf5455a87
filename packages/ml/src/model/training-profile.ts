// What a model saw when it learned: each feature's distribution on the training rows and the
// prediction distribution on the holdout. Drift in serving is measured against it, bin for bin, so
// the bins are fixed here once (deciles of the training values; the categories the model knows).
import type { Dataset, FeatureArray } from "../dataset.ts";

export interface NumericProfile {
  name: string;
  kind: "numeric";
  /** Ascending cut points: bin i holds values v with edges[i-1] < v <= edges[i]; the last bin is v > the last edge. */
  edges: number[];
  share: number[];
  missing: number;
}

export interface CategoricalProfile {
  name: string;
  kind: "categorical";
  /** Codes of the most frequent categories in training (up to 10), most frequent first. */
  top: number[];
  /** One share per top category, then one for all other known categories together. */
  share: number[];
  missing: number;
}

export type FeatureProfile = NumericProfile | CategoricalProfile;

export interface PredictionProfile {
  /** binary: probability of the positive class; regression: the value; multiclass: the predicted class. */
  kind: "probability" | "value" | "class";
  edges: number[];
  share: number[];
}

export interface TrainingProfile {
  rows: number;
  features: FeatureProfile[];
  prediction: PredictionProfile;
}

const TOP_CATEGORIES = 10;
const DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
// Deciles of a sample are as good as of the whole for a 10-bin PSI, and keep big fits cheap.
const SAMPLE = 200_000;

/**
 * `skip` names features left out of drift (dates: a date column drifts by nature). `predictions`
 * are the holdout's (probability of class 1 for binary, K per row for multiclass, values for regression).
 */
export function trainingProfile(
  train: Dataset,
  holdoutPredictions: Float64Array,
  task: string,
  classes = 0,
  skip = new Set<string>(),
): TrainingProfile {
  const features: FeatureProfile[] = [];
  train.features.forEach((f, i) => {
    if (skip.has(f.name)) return;
    const column = train.columns[i] as FeatureArray;
    if (f.kind === "categorical") {
      const counts = new Array<number>(f.categories?.length ?? 0).fill(0);
      let missing = 0;
      for (let r = 0; r < train.rows; r++) {
        const v = column[r] as number;
        if (Number.isNaN(v) || v >= counts.length) missing++;
        else counts[v] = (counts[v] as number) + 1;
      }
      // Hundreds of airports beside 10-bin numbers: with a few hundred decisions in a window, a
      // share per rare category would make PSI noise (its bias grows with bins over decisions).
      const top = counts
        .map((n, code) => ({ n, code }))
        .filter((c) => c.n > 0)
        .sort((a, b) => b.n - a.n || a.code - b.code)
        .slice(0, TOP_CATEGORIES)
        .map((c) => c.code);
      const inTop = top.reduce((s, code) => s + (counts[code] as number), 0);
      const grouped = [...top.map((code) => counts[code] as number), train.rows - missing - inTop];
      features.push({
        name: f.name,
        kind: "categorical",
        top,
        share: shares(grouped, train.rows - missing),
        missing: missing / Math.max(1, train.rows),
      });
      return;
    }
    const { edges, missing } = quantileEdges(column, train.rows);
    const counts = binCounts(column, train.rows, edges);
    features.push({
      name: f.name,
      kind: "numeric",
      edges,
      share: shares(counts, train.rows - missing),
      missing: missing / Math.max(1, train.rows),
    });
  });
  return { rows: train.rows, features, prediction: predictionProfile(holdoutPredictions, task, classes) };
}

function predictionProfile(p: Float64Array, task: string, classes: number): PredictionProfile {
  if (task === "binary") {
    const edges = DECILES.slice();
    return { kind: "probability", edges, share: shares(binCounts(p, p.length, edges), p.length) };
  }
  if (task === "multiclass") {
    const rows = p.length / Math.max(1, classes);
    const counts = new Array<number>(classes).fill(0);
    for (let r = 0; r < rows; r++) {
      let best = 0;
      for (let k = 1; k < classes; k++) if ((p[r * classes + k] as number) > (p[r * classes + best] as number)) best = k;
      counts[best] = (counts[best] as number) + 1;
    }
    return { kind: "class", edges: [], share: shares(counts, rows) };
  }
  const { edges } = quantileEdges(p, p.length);
  return { kind: "value", edges, share: shares(binCounts(p, p.length, edges), p.length) };
}

function quantileEdges(column: ArrayLike<number>, rows: number): { edges: number[]; missing: number } {
  const step = Math.max(1, Math.floor(rows / SAMPLE));
  const values: number[] = [];
  let missing = 0;
  for (let r = 0; r < rows; r++) if (Number.isNaN(column[r] as number)) missing++;
  for (let r = 0; r < rows; r += step) {
    const v = column[r] as number;
    if (!Number.isNaN(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  if (values.length === 0) return { edges: [], missing };
  const edges: number[] = [];
  for (const q of DECILES) {
    const v = values[Math.min(values.length - 1, Math.floor(q * values.length))] as number;
    // A value that fills several deciles (a 0/1 flag) is one cut, so no bin is empty by construction.
    if (edges.length === 0 || v > (edges[edges.length - 1] as number)) edges.push(v);
  }
  if (edges[edges.length - 1] === values[values.length - 1]) edges.pop();
  return { edges, missing };
}

/** The bin of a category code: its place among the top categories, else the "other" bin after them. */
export function categoryBinOf(top: readonly number[], code: number): number {
  const i = top.indexOf(code);
  return i >= 0 ? i : top.length;
}

/** The bin of a value for these edges (binary search): 0..edges.length. */
export function profileBinOf(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= (edges[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function binCounts(column: ArrayLike<number>, rows: number, edges: number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let r = 0; r < rows; r++) {
    const v = column[r] as number;
    if (Number.isNaN(v)) continue;
    const b = profileBinOf(edges, v);
    counts[b] = (counts[b] as number) + 1;
  }
  return counts;
}

function shares(counts: number[], total: number): number[] {
  return counts.map((c) => (total > 0 ? c / total : 0));
}

// Empty bins get a floor so the log stays finite; 1e-4 is the usual choice for PSI.
const FLOOR = 1e-4;

/**
 * Population stability index of observed counts against expected shares: Σ (a − e) ln(a / e).
 * Under 0.1 stable, 0.1–0.25 a moderate shift, over 0.25 a major one (the usual reading).
 */
export function populationStability(expected: readonly number[], counts: readonly number[]): number {
  const total = counts.reduce((s, c) => s + c, 0);
  if (total === 0) return 0;
  let psi = 0;
  expected.forEach((e, i) => {
    const a = Math.max(FLOOR, (counts[i] ?? 0) / total);
    const ee = Math.max(FLOOR, e);
    psi += (a - ee) * Math.log(a / ee);
  });
  return psi;
}
