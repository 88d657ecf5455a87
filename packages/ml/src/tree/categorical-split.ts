// The best two-way split of a categorical feature's bins: categories ordered by gradient/hessian
// ratio, then the best prefix as the left set (the optimal partition for these losses, as LightGBM
// does it). Missing values go right. Categories with less hessian than a child may hold are left
// out of the ordering (they go right): they are noise, and skipping them keeps the sort short.
//
// This runs for every node and categorical feature, so it allocates nothing per call but the
// winning set, and sorts with the engine's native numeric sort instead of a comparator callback
// (several times faster on a few hundred categories).

import { countBelow } from "./binning.ts";

export interface CategoricalSplit {
  gain: number;
  /** The bins (category code + 1) that go left. */
  leftBins: number[];
  gl: number;
  hl: number;
}

let ratio = new Float64Array(256);
let sorted = new Float64Array(256);
let present = new Uint16Array(256);
let order = new Uint16Array(256);
let placed = new Uint8Array(256);

export function categoricalSplit(
  hist: Float64Array,
  off: number,
  nb: number,
  G: number,
  H: number,
  l2: number,
  minH: number,
  parent: number,
): CategoricalSplit | null {
  if (ratio.length < nb) {
    ratio = new Float64Array(nb);
    sorted = new Float64Array(nb);
    present = new Uint16Array(nb);
    order = new Uint16Array(nb);
    placed = new Uint8Array(nb);
  }
  let m = 0;
  for (let b = 1; b < nb; b++) {
    const h = hist[off + b * 2 + 1] as number;
    if (h >= minH) {
      present[m] = b;
      // + 0 turns -0 into 0: the native sort puts -0 first, a comparison treats them as equal.
      ratio[m] = (hist[off + b * 2] as number) / (h + l2) + 0;
      m++;
    }
  }
  if (m < 2) return null;
  // A stable sort by ratio: sort the ratios, then put each bin, in bin order, at the first free
  // place of its ratio (equal ratios keep bin order).
  const keys = sorted.subarray(0, m);
  keys.set(ratio.subarray(0, m));
  keys.sort();
  placed.fill(0, 0, m);
  for (let j = 0; j < m; j++) {
    let at = countBelow(keys, ratio[j] as number);
    while (placed[at]) at++;
    placed[at] = 1;
    order[at] = present[j] as number;
  }
  let gl = 0;
  let hl = 0;
  let bestGain = Number.NEGATIVE_INFINITY;
  let bestAt = -1;
  let bestGl = 0;
  let bestHl = 0;
  for (let i = 0; i < m - 1; i++) {
    const b = order[i] as number;
    gl += hist[off + b * 2] as number;
    hl += hist[off + b * 2 + 1] as number;
    const HR = H - hl;
    if (hl < minH || HR < minH) continue;
    const gain = (gl * gl) / (hl + l2) + ((G - gl) * (G - gl)) / (HR + l2) - parent;
    if (bestAt < 0 || gain > bestGain) {
      bestGain = gain;
      bestAt = i;
      bestGl = gl;
      bestHl = hl;
    }
  }
  if (bestAt < 0) return null;
  return { gain: bestGain, leftBins: Array.from(order.subarray(0, bestAt + 1)), gl: bestGl, hl: bestHl };
}
