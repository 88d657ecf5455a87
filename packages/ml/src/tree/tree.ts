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

  finish(): Tree {
    return {
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
  }
}
