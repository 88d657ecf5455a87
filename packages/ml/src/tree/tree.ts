// A fitted decision tree as flat arrays (what the model file stores). Node 0 is the root; a node
// with left === -1 is a leaf. A numeric split sends x <= threshold left; a categorical split sends
// the categories in its set left; a missing value follows defaultLeft.

export interface Tree {
  feature: Int32Array;
  threshold: Float64Array;
  /** The split's bin (numeric) for predicting on binned rows during training. */
  splitBin: Int32Array;
  /** For categorical splits: the category codes that go left; null for numeric splits. */
  categories: (number[] | null)[];
  defaultLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  /** Sum of hessians (GBDT) or rows (forests) in the node: TreeSHAP weighs paths by it. */
  cover: Float64Array;
  gain: Float64Array;
}

/** The leaf a row of raw feature values lands in. */
export function leafOf(t: Tree, x: ArrayLike<number>): number {
  let node = 0;
  while (t.left[node] !== -1) {
    node = goesLeft(t, node, x[t.feature[node] as number] as number) ? (t.left[node] as number) : (t.right[node] as number);
  }
  return node;
}

export function goesLeft(t: Tree, node: number, v: number): boolean {
  if (Number.isNaN(v)) return t.defaultLeft[node] === 1;
  const set = t.categories[node];
  if (set) return set.includes(v);
  return v <= (t.threshold[node] as number);
}

/** A growable tree for the builders; `finish` turns it into typed arrays. */
export class TreeBuilder {
  feature: number[] = [];
  threshold: number[] = [];
  splitBin: number[] = [];
  categories: (number[] | null)[] = [];
  defaultLeft: number[] = [];
  left: number[] = [];
  right: number[] = [];
  value: number[] = [];
  cover: number[] = [];
  gain: number[] = [];

  addLeaf(value: number, cover: number): number {
    this.feature.push(-1);
    this.threshold.push(0);
    this.splitBin.push(0);
    this.categories.push(null);
    this.defaultLeft.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.value.push(value);
    this.cover.push(cover);
    this.gain.push(0);
    return this.feature.length - 1;
  }

  /** The tree; with `ids`, node i becomes node ids[i]. */
  finish(ids?: Int32Array): Tree {
    const tree: Tree = {
      feature: Int32Array.from(this.feature),
      threshold: Float64Array.from(this.threshold),
      splitBin: Int32Array.from(this.splitBin),
      categories: this.categories,
      defaultLeft: Uint8Array.from(this.defaultLeft),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      value: Float64Array.from(this.value),
      cover: Float64Array.from(this.cover),
      gain: Float64Array.from(this.gain),
    };
    if (!ids) return tree;
    const renumbered: Tree = {
      feature: new Int32Array(ids.length),
      threshold: new Float64Array(ids.length),
      splitBin: new Int32Array(ids.length),
      categories: new Array(ids.length).fill(null),
      defaultLeft: new Uint8Array(ids.length),
      left: new Int32Array(ids.length),
      right: new Int32Array(ids.length),
      value: new Float64Array(ids.length),
      cover: new Float64Array(ids.length),
      gain: new Float64Array(ids.length),
    };
    for (let i = 0; i < ids.length; i++) {
      const to = ids[i] as number;
      renumbered.feature[to] = tree.feature[i] as number;
      renumbered.threshold[to] = tree.threshold[i] as number;
      renumbered.splitBin[to] = tree.splitBin[i] as number;
      renumbered.categories[to] = tree.categories[i] ?? null;
      renumbered.defaultLeft[to] = tree.defaultLeft[i] as number;
      renumbered.left[to] = tree.left[i] === -1 ? -1 : (ids[tree.left[i] as number] as number);
      renumbered.right[to] = tree.right[i] === -1 ? -1 : (ids[tree.right[i] as number] as number);
      renumbered.value[to] = tree.value[i] as number;
      renumbered.cover[to] = tree.cover[i] as number;
      renumbered.gain[to] = tree.gain[i] as number;
    }
    return renumbered;
  }
}
