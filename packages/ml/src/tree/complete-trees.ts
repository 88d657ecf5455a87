// Shallow trees (depth ≤ 8, every boosted model) compiled for fast scoring. Three ideas:
//
// 1. Complete trees: a node's children are at 2n+1 and 2n+2, so a walk is `depth` steps of index
//    arithmetic with no child lookup and no leaf test. A leaf above the bottom becomes a chain of
//    splits that send everything left down to a bottom leaf holding its value.
// 2. Integer ranks instead of float compares: each row's values are first turned into ranks among
//    the model's own thresholds for that feature (a binary search per used feature). A float
//    compare in V8 becomes a branch, and on real data half of those are mispredicted: that, not the
//    loads, was most of a walk's time. `v > threshold` ⇔ (edges below v) > (threshold's index
//    among the edges), so the result is exactly the float compare's and scores are bit-identical
//    to the pointer walk (forest-layout.ts).
// 3. Every split is a bit set over ranks: bit r of a node's set says whether rank r goes right. A
//    numeric split's set is the ranks above its threshold rank, a categorical split's the codes
//    that go right, so both are one lookup: node word → rank → set word → bit, about half the
//    operations of comparing and looking up separately. Sets are shared: a numeric set depends only
//    on its threshold rank and where missing values go.
//
// The WebAssembly kernel (wasm/scoring.ts) walks eight rows per tree at once, or four trees for
// one row: the chains are independent, so the CPU overlaps their loads. Each row still adds the
// trees in model order, so the sums are the same to the bit.
import type { Tree } from "./tree.ts";

/** Deeper trees would pad to too many nodes (2^depth): they keep the pointer layout. */
export const MAX_COMPLETE_DEPTH = 8;
/** A node word: the used feature's slot in its low bits, its set's first word above them. */
export const SLOT_BITS = 10;
const MAX_USED = 1 << SLOT_BITS;
/** Ranks 0–255 are words 0–7 of a set: a feature split at more thresholds keeps the pointer walk. */
const MAX_EDGES = 255;
/** Words per set: 0–7 ranks 0–255, 8 codes outside 0–255, 9 (bit 0) a missing value, 10–15 zero. */
const SET_WORDS = 16;
/** Word 8, bit 0: the rank of a category code outside 0–255. */
const OTHER_CATEGORY = 256;
/** Word 9, bit 0 ((M >>> 5) & 15 = 9, M & 31 = 0): the rank of a missing value. */
const MISSING = 2 ** 30 + 9 * 32;

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
  /** Per split node, tree-major ((2^depth − 1) per tree): slot in `used` | first set word << SLOT_BITS. */
  node: Int32Array;
  /** The bit sets, SET_WORDS words each; set 0 (padding splits) is all zeros: everything goes left. */
  sets: Int32Array;
  /** Per leaf, tree-major (2^depth per tree). */
  leaf: Float64Array;
}

export function treeDepth(t: Tree, node = 0): number {
  if (t.left[node] === -1) return 0;
  return 1 + Math.max(treeDepth(t, t.left[node] as number), treeDepth(t, t.right[node] as number));
}

/**
 * Lays out the trees as complete trees, or returns null when they do not fit the layout: deeper
 * than MAX_COMPLETE_DEPTH, more than 1,024 features used, a feature split at more than 255
 * thresholds (never for models fitted here, which bin to at most 255 bins), or more than 262,144
 * distinct sets.
 */
export function completeTrees(trees: Tree[], outputs: number): CompleteTrees | null {
  const depth = trees.reduce((d, t) => Math.max(d, treeDepth(t)), 1);
  if (depth > MAX_COMPLETE_DEPTH) return null;
  const { used, edges, slot } = featureRanks(trees);
  if (used.length > MAX_USED || edges.some((e) => e && e.length > MAX_EDGES)) return null;
  const splits = (1 << depth) - 1;
  const leaves = 1 << depth;
  const sets = new SetTable();
  const c: CompleteTrees = {
    depth,
    trees: trees.length,
    output: Int32Array.from(trees, (_, i) => i % outputs),
    used,
    stride: Math.max(1, used.length),
    edges,
    // Padding splits: slot 0, set 0.
    node: new Int32Array(trees.length * splits),
    sets: new Int32Array(0),
    leaf: new Float64Array(trees.length * leaves),
  };
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
      const f = slot.get(t.feature[node] as number) as number;
      const left = t.categories[node];
      const words = new Int32Array(SET_WORDS);
      if (left) {
        words.fill(-1, 0, 9); // every code goes right but those listed
        for (const code of left) if (code >= 0 && code < 256) words[code >> 5] = (words[code >> 5] as number) & ~(1 << (code & 31));
      } else {
        const threshold = lowerBound(edges[f] as Float64Array, t.threshold[node] as number);
        for (let r = threshold + 1; r < 256; r++) words[r >> 5] = (words[r >> 5] as number) | (1 << (r & 31));
      }
      words[9] = t.defaultLeft[node] === 1 ? 0 : 1;
      c.node[i * splits + at] = f | (sets.add(words) << SLOT_BITS);
      place(t.left[node] as number, 2 * at + 1, level + 1);
      place(t.right[node] as number, 2 * at + 2, level + 1);
    };
    place(0, 0, 0);
  });
  c.sets = sets.words();
  // A node word keeps 32 − SLOT_BITS bits for the set's first word.
  return c.sets.length <= 2 ** (32 - SLOT_BITS) ? c : null;
}

/** Distinct bit sets, each stored once; returns a set's first word. */
class SetTable {
  private readonly index = new Map<string, number>([[new Int32Array(SET_WORDS).join(), 0]]);
  private readonly list: Int32Array[] = [new Int32Array(SET_WORDS)];
  add(words: Int32Array): number {
    const key = words.join();
    let at = this.index.get(key);
    if (at === undefined) {
      at = this.list.length * SET_WORDS;
      this.index.set(key, at);
      this.list.push(words);
    }
    return at;
  }
  words(): Int32Array {
    const all = new Int32Array(this.list.length * SET_WORDS);
    this.list.forEach((w, s) => {
      all.set(w, s * SET_WORDS);
    });
    return all;
  }
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

/** A raw value's rank among a used feature's thresholds (numeric) or its code (categorical); MISSING for NaN. */
export function rankOf(edges: Float64Array | null, v: number): number {
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
  const { depth, output, node, sets, leaf } = c;
  const splits = (1 << depth) - 1;
  for (let t = 0; t < c.trees; t++) {
    const base = t * splits;
    let n = 0;
    for (let d = 0; d < depth; d++) {
      // The node's rank, then the bit for that rank in the node's set: 1 goes right.
      const w = node[base + n] as number;
      const r = ranks[at + (w & (MAX_USED - 1))] as number;
      n = 2 * n + 1 + (((sets[(w >>> SLOT_BITS) + ((r >>> 5) & 15)] as number) >>> (r & 31)) & 1);
    }
    const k = o + (output[t] as number);
    out[k] = (out[k] as number) + (leaf[t * (splits + 1) + n - splits] as number);
  }
}

/** Adds every tree's leaf values for `rows` ranked rows (row i's ranks at i * stride) to out[i * K + output]. */
export function scoreRanks(c: CompleteTrees, ranks: Int32Array, rows: number, out: Float64Array, K: number): void {
  for (let i = 0; i < rows; i++) addRankedScores(c, ranks, i * c.stride, out, i * K);
}
