// AssemblyScript: a boosted fit's validation set, every round (src/gbdt/validation-set.ts): each new
// tree's values added to the rows' scores by a walk over their bins, and the logistic loss. Their
// JavaScript twins, src/tree/binned-scoring.ts's addTreeValues and src/gbdt/objectives.ts's
// logisticLossSum, do the same operations in the same order, so both give the same bits and early
// stopping picks the same round whichever runs. Arguments are byte offsets into the memory.
import { gradientExpX2, log1pUnitX2 } from "./math";

export { addTreeValues } from "./walk";

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
