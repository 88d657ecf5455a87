// Shallow trees (depth ≤ 8, every boosted model) compiled for fast scoring. Two ideas:
//
// 1. Complete trees: a node's children are at 2n+1 and 2n+2, so a walk is `depth` steps of index
//    arithmetic with no child lookup and no leaf test. A leaf above the bottom becomes a chain of
//    splits that send everything left down to a bottom leaf holding its value.
// 2. Integer ranks instead of float compares: each row's values are first turned into ranks among
//    the model's own thresholds for that feature (a binary search per used feature), so a split is
//    `(thresholdRank − rank) >>> 31`, with no branch. A float compare in V8 becomes a branch, and
//    on real data half of those are mispredicted: that, not the loads, was most of a walk's time.
//    `v > threshold` ⇔ (edges below v) > (threshold's index among the edges), so the result is
//    exactly the float compare's and scores are bit-identical to the pointer walk (forest-layout.ts).
//
// The WebAssembly kernel (wasm/scoring.ts) walks eight rows per tree at once, or four trees for
// one row: the chains are independent, so the CPU overlaps their loads. Each row still adds the
// trees in model order, so the sums are the same to the bit.
import type { Tree } from "./tree.ts";

/** Deeper trees would pad to too many nodes (2^depth): they keep the pointer layout. */
export const MAX_COMPLETE_DEPTH = 8;

/**
 * The rank of a missing value. Above every real rank, so every numeric split sends it right; bit 30
 * marks it, so a split whose missing values go left flips that; (M >>> 5) & 15 = 9 is an all-zero
 * word of every category set, so no category set claims it.
 */
const MISSING = 2 ** 30 + 9 * 32;
/** Threshold rank of a categorical split: no real rank is above it, so only its set decides. */
const NO_THRESHOLD = 2 ** 30 - 1;
/** Rank of a category code outside 0–255: word 8 of every category set is all ones (goes right). */
const OTHER_CATEGORY = 256;

export interface CompleteTrees {
  depth: number;
  trees: number;
  /** Output (class) each tree adds to. */
  output: Int32Array;
  /** The features the trees split on; ranks are kept for these only, in this order. */
  used: Int32Array;
  /** Ranks per row: used.length, at least 1 (trees of single leaves read a rank they ignore). */
  stride: number;
  /** Per used feature: sorted distinct thresholds (numeric), or null (categorical: rank = code). */
  edges: (Float64Array | null)[];
  /** Per split node, tree-major ((2^depth − 1) per tree): index into `used`. */
  feature: Int32Array;
  /** Per split node: threshold rank, plus bit 30 where a missing value goes left. */
  split: Int32Array;
  /** Per split node: offset of its category set in catRight, 0 (all zeros) for numeric splits. */
  catSet: Int32Array;
  /** 16 words per set: words 0–7 have bit c set where category c goes right, word 8 all ones. */
  catRight: Int32Array;
  /** Per leaf, tree-major (2^depth per tree). */
  leaf: Float64Array;
}

export function treeDepth(t: Tree, node = 0): number {
  if (t.left[node] === -1) return 0;
  return 1 + Math.max(treeDepth(t, t.left[node] as number), treeDepth(t, t.right[node] as number));
}

/** Lays out the trees as complete trees, or returns null when one is deeper than MAX_COMPLETE_DEPTH. */
export function completeTrees(trees: Tree[], outputs: number): CompleteTrees | null {
  const depth = trees.reduce((d, t) => Math.max(d, treeDepth(t)), 1);
  if (depth > MAX_COMPLETE_DEPTH) return null;
  const { used, edges, slot } = featureRanks(trees);
  const splits = (1 << depth) - 1;
  const leaves = 1 << depth;
  const c: CompleteTrees = {
    depth,
    trees: trees.length,
    output: Int32Array.from(trees, (_, i) => i % outputs),
    used,
    stride: Math.max(1, used.length),
    edges,
    feature: new Int32Array(trees.length * splits),
    // Padding splits: rank 0 against NO_THRESHOLD, missing left: every row goes left.
    split: new Int32Array(trees.length * splits).fill(NO_THRESHOLD | (1 << 30)),
    catSet: new Int32Array(trees.length * splits),
    catRight: new Int32Array(0),
    leaf: new Float64Array(trees.length * leaves),
  };
  const sets: number[][] = [];
  trees.forEach((t, i) => {
    // Walks the original tree and its complete-tree position together.
    const place = (node: number, at: number, level: number) => {
      if (level === depth) {
        c.leaf[i * leaves + at - splits] = t.value[node] as number;
        return;
      }
      if (t.left[node] === -1) {
        place(node, 2 * at + 1, level + 1); // padding: only the left chain is reachable
        return;
      }
      const g = i * splits + at;
      const f = slot.get(t.feature[node] as number) as number;
      c.feature[g] = f;
      const set = t.categories[node];
      const rank = set ? NO_THRESHOLD : lowerBound(edges[f] as Float64Array, t.threshold[node] as number);
      c.split[g] = rank | (t.defaultLeft[node] === 1 ? 1 << 30 : 0);
      if (set) {
        sets.push(set);
        c.catSet[g] = sets.length * 16;
      }
      place(t.left[node] as number, 2 * at + 1, level + 1);
      place(t.right[node] as number, 2 * at + 2, level + 1);
    };
    place(0, 0, 0);
  });
  c.catRight = new Int32Array((sets.length + 1) * 16);
  sets.forEach((set, s) => {
    const words = c.catRight.subarray((s + 1) * 16, (s + 1) * 16 + 9).fill(-1);
    for (const code of set) if (code >= 0 && code < 256) words[code >> 5] = (words[code >> 5] as number) & ~(1 << (code & 31));
  });
  return c;
}

/** The features split on, each with its sorted distinct thresholds (null when categorical). */
function featureRanks(trees: Tree[]) {
  const thresholds = new Map<number, Set<number> | null>();
  for (const t of trees)
    for (let n = 0; n < t.feature.length; n++) {
      if (t.left[n] === -1) continue;
      const f = t.feature[n] as number;
      if (t.categories[n]) thresholds.set(f, null);
      else {
        if (!thresholds.has(f)) thresholds.set(f, new Set());
        thresholds.get(f)?.add(t.threshold[n] as number);
      }
    }
  const used = Int32Array.from([...thresholds.keys()].sort((a, b) => a - b));
  const edges = Array.from(used, (f) => {
    const set = thresholds.get(f);
    return set ? Float64Array.from(set).sort() : null;
  });
  return { used, edges, slot: new Map(Array.from(used, (f, i) => [f, i])) };
}

/** Number of edges below v (edges sorted ascending). */
function lowerBound(edges: Float64Array, v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function rankOf(edges: Float64Array | null, v: number): number {
  if (Number.isNaN(v)) return MISSING;
  if (edges) return lowerBound(edges, v);
  return v >= 0 && v < 256 ? v | 0 : OTHER_CATEGORY;
}

/** Writes the ranks of one row of raw feature values x to ranks[0..stride). */
export function rankRow(c: CompleteTrees, x: ArrayLike<number>, ranks: Int32Array): void {
  for (let u = 0; u < c.used.length; u++) ranks[u] = rankOf(c.edges[u] as Float64Array | null, x[c.used[u] as number] as number);
}

/** Writes the ranks of rows first..first+rows of column-major data, row i at (i − first) * stride. */
export function rankColumns(c: CompleteTrees, columns: ArrayLike<number>[], first: number, rows: number, ranks: Int32Array): void {
  const U = c.stride;
  for (let u = 0; u < c.used.length; u++) {
    const column = columns[c.used[u] as number] as ArrayLike<number>;
    const edges = c.edges[u] as Float64Array | null;
    for (let i = 0; i < rows; i++) ranks[i * U + u] = rankOf(edges, column[first + i] as number);
  }
}

/**
 * Adds every tree's leaf value for one ranked row (ranks[at..]) to out[o + output], in model
 * order. The plain walk: the reference for the WebAssembly kernel (wasm/scoring.ts), which walks
 * several rows or trees at once, and its fallback. (Unrolling it here bought nothing in V8.)
 */
export function addRankedScores(c: CompleteTrees, ranks: Int32Array, at: number, out: Float64Array, o: number): void {
  const { depth, output, feature, split, catSet, catRight, leaf } = c;
  const splits = (1 << depth) - 1;
  for (let t = 0; t < c.trees; t++) {
    const base = t * splits;
    let n = 0;
    for (let d = 0; d < depth; d++) {
      // The threshold rank against the row's rank without a branch, bit 30 flipping a missing
      // value's way, then the split's category set (all zeros for a numeric split).
      const g = base + n;
      const w = split[g] as number;
      const r = ranks[at + (feature[g] as number)] as number;
      const numeric = (((w & NO_THRESHOLD) - r) >>> 31) ^ ((r >>> 30) & (w >>> 30));
      const category = ((catRight[(catSet[g] as number) + ((r >>> 5) & 15)] as number) >>> (r & 31)) & 1;
      n = 2 * n + 1 + (numeric | category);
    }
    const k = o + (output[t] as number);
    out[k] = (out[k] as number) + (leaf[t * (splits + 1) + n - splits] as number);
  }
}

/** Adds every tree's leaf values for `rows` ranked rows (row i's ranks at i * stride) to out[i * K + output]. */
export function scoreRanks(c: CompleteTrees, ranks: Int32Array, rows: number, out: Float64Array, K: number): void {
  for (let i = 0; i < rows; i++) addRankedScores(c, ranks, i * c.stride, out, i * K);
}
