// What the learning code trains on: feature columns as typed arrays (column-major), NaN for a
// missing value, categorical features as codes 0..k-1 with their category names. packages/data's
// feature matrices have this shape; so do the CLI's.

export type FeatureArray = Float32Array | Float64Array;

export interface FeatureInfo {
  name: string;
  kind: "numeric" | "categorical";
  categories?: string[];
}

export interface Dataset {
  rows: number;
  features: FeatureInfo[];
  columns: FeatureArray[];
  /** Class index (0..k-1) for classification, the value for regression. */
  label: Float64Array;
}

export type Task = "binary" | "multiclass" | "regression";

/** A seeded PRNG (mulberry32): same seed, same sequence, on every machine. */
export function rng(seed: number): () => number {
  // The state is kept as a signed 32-bit integer (the same bits): as an unsigned one it exceeded V8's
  // small integers half the time and was boxed on every call (7 ns a number instead of 5).
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
