// A new tree's values added to the scores of binned rows it did not partition: the training rows when
// it was grown on a sample (subsample < 1), and the validation rows early stopping watches. Each split
// node gets a table by bin saying which way the bin goes (as partition.ts's leftBinTable), so a step
// down the tree is one lookup whatever the split's kind. Walking the Tree itself, which scans a
// categorical split's category list for every row, took about 150 ns a row on flights (airports of
// 300 categories): a 200k-row fit with subsample 0.8 took 10.4 s against 1.3 s without, and a
// 40k-row validation set made a fit 3.3× slower. Where WebAssembly runs, both kinds of rows walk in
// wasm/walk.ts over this file's layout (wasmWalk: the fit arena's left-out rows, the validation
// set's rows); this walk is its twin and the fallback.
import type { BinnedRows } from "./binning.ts";
import type { WalkExports } from "./fitting-kernels.ts";
import type { Tree } from "./tree.ts";

/** Bins a feature can have (binning.ts keeps at most 255, bin 0 for missing values). */
export const TABLE = 256;

/**
 * A tree laid out for the walk, by node: its table by bin (1: the bin goes left) at
 * tables[node * TABLE], its right child at children[2 * node] and its left at children[2 * node + 1],
 * the feature its split reads. A leaf is its own child whichever way (its table all 0, its
 * feature any): every row takes the same number of steps, the tree's depth, and the walk has no
 * branch at all. The WebAssembly walk (wasm/walk.ts) reads the same arrays in its memory.
 */
export interface WalkLayout {
  tables: Uint8Array;
  children: Int32Array;
  features: Int32Array;
}

/** Nodes a layout in WebAssembly memory has room for (a depth-6 tree has 127); a larger tree walks in JavaScript. */
export const WALK_NODES = 1024;
/** Bytes of a layout in WebAssembly memory (wasmWalk): values, children, features, tables. */
export const WALK_LAYOUT_BYTES = WALK_NODES * (8 + 8 + 4 + TABLE);

/**
 * The walk in WebAssembly (wasm/walk.ts, exported by `kernel`) with a layout for WALK_NODES nodes in
 * its memory at byte `at` (8-aligned, WALK_LAYOUT_BYTES long). It adds a tree's values to the
 * scores (byte offset) of rows list[0, count) (u32 at byte offset `list`; 0: rows [0, count))
 * whose bins are at byte offset `bins`; false (nothing done) for a tree of more than WALK_NODES nodes.
 */
export function wasmWalk(kernel: WalkExports, buffer: ArrayBuffer | SharedArrayBuffer, at: number) {
  const offsets = { values: at, children: at + 8 * WALK_NODES, features: at + 16 * WALK_NODES, tables: at + 20 * WALK_NODES };
  const layout: WalkLayout = {
    tables: new Uint8Array(buffer, offsets.tables, TABLE * WALK_NODES),
    children: new Int32Array(buffer, offsets.children, 2 * WALK_NODES),
    features: new Int32Array(buffer, offsets.features, WALK_NODES),
  };
  const values = new Float64Array(buffer, offsets.values, WALK_NODES);
  const { tables, children, features } = offsets;
  return (tree: Tree, bins: number, F: number, list: number, count: number, scores: number, K: number, k: number): boolean => {
    if (tree.left.length > WALK_NODES) return false;
    const depth = layTree(tree, layout);
    values.set(tree.value);
    kernel.addTreeValues(bins, F, list, count, depth, tables, children, features, offsets.values, scores, K, k);
    return true;
  };
}

/** Lays `tree` out in `layout` (room for its nodes) and returns its depth, the steps a row takes. */
export function layTree(tree: Tree, layout: WalkLayout): number {
  const { tables, children, features } = layout;
  for (let node = 0; node < tree.left.length; node++) {
    const leaf = tree.left[node] === -1;
    children[2 * node] = leaf ? node : (tree.right[node] as number);
    children[2 * node + 1] = leaf ? node : (tree.left[node] as number);
    features[node] = leaf ? 0 : (tree.feature[node] as number);
    if (leaf) tables.fill(0, node * TABLE, (node + 1) * TABLE);
    else fillTable(tree, node, tables, node * TABLE);
  }
  return depthOf(tree);
}

/** The JavaScript walk's layout: reused from tree to tree (a fresh one per tree would be garbage every round). */
let tables = new Uint8Array(0);
let children = new Int32Array(0);
let features = new Int32Array(0);

/**
 * scores[i * K + k] += the value of the leaf binned row i lands in, for every row, or for the rows
 * listed in list[0, count).
 */
export function addTreeValues(
  tree: Tree,
  rows: BinnedRows,
  scores: Float64Array,
  K: number,
  k: number,
  list?: Uint32Array,
  count = rows.n,
): void {
  const nodes = tree.left.length;
  if (features.length < nodes) {
    tables = new Uint8Array(nodes * TABLE);
    children = new Int32Array(2 * nodes);
    features = new Int32Array(nodes);
  }
  const depth = layTree(tree, { tables, children, features });
  const { bins, F } = rows;
  const value = tree.value;
  // Four rows walk together: one row's steps each wait for the last (about 20 cycles a step), and
  // four independent chains overlap.
  let j = 0;
  for (; j + 4 <= count; j += 4) {
    const i0 = list ? (list[j] as number) : j;
    const i1 = list ? (list[j + 1] as number) : j + 1;
    const i2 = list ? (list[j + 2] as number) : j + 2;
    const i3 = list ? (list[j + 3] as number) : j + 3;
    const b0 = i0 * F;
    const b1 = i1 * F;
    const b2 = i2 * F;
    const b3 = i3 * F;
    let n0 = 0;
    let n1 = 0;
    let n2 = 0;
    let n3 = 0;
    for (let d = 0; d < depth; d++) {
      n0 = step(n0, bins, b0);
      n1 = step(n1, bins, b1);
      n2 = step(n2, bins, b2);
      n3 = step(n3, bins, b3);
    }
    scores[i0 * K + k] = (scores[i0 * K + k] as number) + (value[n0] as number);
    scores[i1 * K + k] = (scores[i1 * K + k] as number) + (value[n1] as number);
    scores[i2 * K + k] = (scores[i2 * K + k] as number) + (value[n2] as number);
    scores[i3 * K + k] = (scores[i3 * K + k] as number) + (value[n3] as number);
  }
  for (; j < count; j++) {
    const i = list ? (list[j] as number) : j;
    let node = 0;
    for (let d = 0; d < depth; d++) node = step(node, bins, i * F);
    scores[i * K + k] = (scores[i * K + k] as number) + (value[node] as number);
  }
}

/** One step down from `node` for the row whose bins start at bins[base]. */
function step(node: number, bins: Uint8Array, base: number): number {
  return children[2 * node + (tables[node * TABLE + (bins[base + (features[node] as number)] as number)] as number)] as number;
}

/** The number of splits on the tree's longest path. */
function depthOf(tree: Tree): number {
  let deepest = 0;
  const stack = [0, 0];
  while (stack.length > 0) {
    const depth = stack.pop() as number;
    const node = stack.pop() as number;
    if (tree.left[node] === -1) deepest = Math.max(deepest, depth);
    else stack.push(tree.left[node] as number, depth + 1, tree.right[node] as number, depth + 1);
  }
  return deepest;
}

/** Node `node`'s table at tables[at]: 1 for the bins that go left (bin b ≥ 1 is category b − 1 of a categorical split). */
function fillTable(tree: Tree, node: number, tables: Uint8Array, at: number): void {
  tables.fill(0, at, at + TABLE);
  const set = tree.categories[node];
  if (set) for (const category of set) tables[at + category + 1] = 1;
  else tables.fill(1, at + 1, at + Math.min(TABLE, (tree.splitBin[node] as number) + 1));
  tables[at] = tree.defaultLeft[node] === 1 ? 1 : 0;
}
