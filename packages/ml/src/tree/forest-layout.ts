// Trees compiled into two flat arrays for prediction: per node, four Int32s (feature, left child,
// right child, flags) and one Float64 (threshold, or the value of a leaf), so visiting a node
// touches two cache lines and no objects. A 200-tree depth-6 model scores one row in microseconds.
import type { Tree } from "./tree.ts";

export interface CompiledTrees {
  /** Root node index of each tree. */
  roots: Int32Array;
  /** Output (class) each tree adds to. */
  output: Int32Array;
  /** node * 4 + 0: feature (-1 for a leaf); +1 left; +2 right; +3 flags: bit 0 = missing goes left, bits 1+ = 1 + categorical set index. */
  info: Int32Array;
  /** Threshold of a split node; value of a leaf. */
  number: Float64Array;
  /** 256 bits (8 words) per categorical split: bit c set where category c goes left. Bits, not
   * bytes: a model with thousands of categorical splits keeps its sets in cache. */
  catBits: Uint32Array;
}

export function compileTrees(trees: Tree[], outputs: number): CompiledTrees {
  const total = trees.reduce((s, t) => s + t.feature.length, 0);
  const roots = new Int32Array(trees.length);
  const output = new Int32Array(trees.length);
  const info = new Int32Array(total * 4);
  const number = new Float64Array(total);
  const sets: number[][] = [];
  let base = 0;
  trees.forEach((t, i) => {
    roots[i] = base;
    output[i] = i % outputs;
    for (let n = 0; n < t.feature.length; n++) {
      const at = base + n;
      const leaf = t.left[n] === -1;
      info[at * 4] = leaf ? -1 : (t.feature[n] as number);
      info[at * 4 + 1] = leaf ? -1 : base + (t.left[n] as number);
      info[at * 4 + 2] = leaf ? -1 : base + (t.right[n] as number);
      const set = t.categories[n];
      let flags = t.defaultLeft[n] as number;
      if (set && !leaf) {
        flags |= (sets.length + 1) << 1;
        sets.push(set);
      }
      info[at * 4 + 3] = flags;
      number[at] = leaf ? (t.value[n] as number) : (t.threshold[n] as number);
    }
    base += t.feature.length;
  });
  const catBits = new Uint32Array(sets.length * 8);
  sets.forEach((set, s) => {
    for (const code of set)
      if (code >= 0 && code < 256) catBits[s * 8 + (code >> 5)] = (catBits[s * 8 + (code >> 5)] as number) | (1 << (code & 31));
  });
  return { roots, output, info, number, catBits };
}

/** Adds every tree's leaf value for row x to out[output]. */
export function addTreeScores(c: CompiledTrees, x: ArrayLike<number>, out: Float64Array): void {
  const { roots, output, info, number, catBits } = c;
  for (let t = 0; t < roots.length; t++) {
    let node = roots[t] as number;
    let f = info[node * 4] as number;
    while (f !== -1) {
      const v = x[f] as number;
      const flags = info[node * 4 + 3] as number;
      let goLeft: boolean;
      if (Number.isNaN(v)) goLeft = (flags & 1) === 1;
      else if (flags > 1) goLeft = v >= 0 && v < 256 && (((catBits[((flags >> 1) - 1) * 8 + (v >> 5)] as number) >>> (v & 31)) & 1) === 1;
      else goLeft = v <= (number[node] as number);
      node = info[node * 4 + (goLeft ? 1 : 2)] as number;
      f = info[node * 4] as number;
    }
    const k = output[t] as number;
    out[k] = (out[k] as number) + (number[node] as number);
  }
}
