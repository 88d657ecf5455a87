// AssemblyScript: a boosted fit's validation set, every round (src/gbdt/validation-set.ts): each new
// tree's values added to the rows' scores by a walk over their bins, and the logistic loss. Their
// JavaScript twins, src/tree/binned-scoring.ts's addTreeValues and src/gbdt/objectives.ts's
// logisticLossSum, do the same operations in the same order, so both give the same bits and early
// stopping picks the same round whichever runs. Arguments are byte offsets into the memory.
import { gradientExpX2, log1pUnitX2 } from "./math";

/**
 * Sum over n rows of the logistic loss log(1 + e^s) − y·s of score s for label y (0 or 1), as
 * max(s, 0) + log1p(e^−|s|) − y·s, stable at any s. scores, label: n f64 each. Two rows at a
 * time, even rows in lane 0 and odd rows in lane 1, each lane summed in row order; an odd last row
 * starts lane 0's sum. Then lane 0's sum plus lane 1's.
 */
export function logisticLossSum(scores: usize, label: usize, n: i32): f64 {
  let sum = f64x2.splat(0);
  if (n % 2 === 1) {
    const last = <usize>(n - 1) << 3;
    const first = lossTerms(f64x2.splat(load<f64>(scores + last)), f64x2.splat(load<f64>(label + last)));
    sum = f64x2.replace_lane(sum, 0, f64x2.extract_lane(first, 0));
  }
  for (let i = 0; i + 1 < n; i += 2) {
    const at = <usize>i << 3;
    sum = f64x2.add(sum, lossTerms(v128.load(scores + at), v128.load(label + at)));
  }
  return f64x2.extract_lane(sum, 0) + f64x2.extract_lane(sum, 1);
}

/** Each lane's max(s, 0) + log1p(e^−|s|) − y·s. */
// @ts-ignore: decorator
@inline
function lossTerms(s: v128, y: v128): v128 {
  const e = gradientExpX2(f64x2.neg(f64x2.abs(s)));
  return f64x2.sub(f64x2.add(f64x2.max(s, f64x2.splat(0)), log1pUnitX2(e)), f64x2.mul(y, s));
}

/**
 * scores[i * K + k] += values[the leaf row i lands in] for rows [0, n), walking `depth` steps down
 * a tree laid out as binned-scoring.ts's layTree lays it (tables: 256 u8 a node, 1 where the bin
 * goes left; children: i32 pairs, right then left; features: i32 a node; values: f64 a node).
 * bins: the rows' bins, F u8 a row. Eight rows walk together, so their chains of dependent loads
 * overlap (the JavaScript walk takes four).
 */
export function addTreeValues(
  bins: usize,
  F: i32,
  n: i32,
  depth: i32,
  tables: usize,
  children: usize,
  features: usize,
  values: usize,
  scores: usize,
  K: i32,
  k: i32,
): void {
  const stride = <usize>F;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const b = bins + <usize>i * stride;
    let n0: u32 = 0;
    let n1: u32 = 0;
    let n2: u32 = 0;
    let n3: u32 = 0;
    let n4: u32 = 0;
    let n5: u32 = 0;
    let n6: u32 = 0;
    let n7: u32 = 0;
    for (let d = 0; d < depth; d++) {
      n0 = step(n0, b, tables, children, features);
      n1 = step(n1, b + stride, tables, children, features);
      n2 = step(n2, b + 2 * stride, tables, children, features);
      n3 = step(n3, b + 3 * stride, tables, children, features);
      n4 = step(n4, b + 4 * stride, tables, children, features);
      n5 = step(n5, b + 5 * stride, tables, children, features);
      n6 = step(n6, b + 6 * stride, tables, children, features);
      n7 = step(n7, b + 7 * stride, tables, children, features);
    }
    addValue(scores, values, i, K, k, n0);
    addValue(scores, values, i + 1, K, k, n1);
    addValue(scores, values, i + 2, K, k, n2);
    addValue(scores, values, i + 3, K, k, n3);
    addValue(scores, values, i + 4, K, k, n4);
    addValue(scores, values, i + 5, K, k, n5);
    addValue(scores, values, i + 6, K, k, n6);
    addValue(scores, values, i + 7, K, k, n7);
  }
  for (; i < n; i++) {
    const b = bins + <usize>i * stride;
    let node: u32 = 0;
    for (let d = 0; d < depth; d++) node = step(node, b, tables, children, features);
    addValue(scores, values, i, K, k, node);
  }
}

/** One step down from `node` for the row whose bins start at `row`. */
// @ts-ignore: decorator
@inline
function step(node: u32, row: usize, tables: usize, children: usize, features: usize): u32 {
  const bin = load<u8>(row + <usize>load<i32>(features + (<usize>node << 2)));
  const left = load<u8>(tables + (<usize>node << 8) + <usize>bin);
  return load<u32>(children + (((<usize>node << 1) + <usize>left) << 2));
}

/** scores[i * K + k] += values[node]. */
// @ts-ignore: decorator
@inline
function addValue(scores: usize, values: usize, i: i32, K: i32, k: i32, node: u32): void {
  const at = scores + ((<usize>i * <usize>K + <usize>k) << 3);
  store<f64>(at, load<f64>(at) + load<f64>(values + (<usize>node << 3)));
}
