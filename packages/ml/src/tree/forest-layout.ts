// Trees compiled into one set of flat arrays for prediction: no objects, no closures, no array
// lookups of arrays in the hot loop. A 200-tree depth-6 model scores one row in a few microseconds.
import type { Tree } from "./tree.ts";

export interface CompiledTrees {
  /** Root node index of each tree. */
  roots: Int32Array;
  /** Output (class) each tree adds to. */
  output: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  defaultLeft: Uint8Array;
  /** For categorical nodes: start of its 256-bit left set in `catBits`, else -1. */
  catOffset: Int32Array;
  catBits: Uint8Array;
  value: Float64Array;
}

export function compileTrees(trees: Tree[], outputs: number): CompiledTrees {
  const total = trees.reduce((s, t) => s + t.feature.length, 0);
  const c: CompiledTrees = {
    roots: new Int32Array(trees.length),
    output: new Int32Array(trees.length),
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    defaultLeft: new Uint8Array(total),
    catOffset: new Int32Array(total).fill(-1),
    catBits: new Uint8Array(0),
    value: new Float64Array(total),
  };
  const bits: number[][] = [];
  let base = 0;
  trees.forEach((t, i) => {
    c.roots[i] = base;
    c.output[i] = i % outputs;
    for (let n = 0; n < t.feature.length; n++) {
      const at = base + n;
      c.feature[at] = t.feature[n] as number;
      c.threshold[at] = t.threshold[n] as number;
      c.left[at] = t.left[n] === -1 ? -1 : base + (t.left[n] as number);
      c.right[at] = t.right[n] === -1 ? -1 : base + (t.right[n] as number);
      c.defaultLeft[at] = t.defaultLeft[n] as number;
      c.value[at] = t.value[n] as number;
      const set = t.categories[n];
      if (set) {
        const row = new Array(256).fill(0);
        for (const code of set) if (code < 256) row[code] = 1;
        c.catOffset[at] = bits.length * 256;
        bits.push(row);
      }
    }
    base += t.feature.length;
  });
  c.catBits = Uint8Array.from(bits.flat());
  return c;
}

/** Adds every tree's leaf value for row x to out[output]. */
export function addTreeScores(c: CompiledTrees, x: ArrayLike<number>, out: Float64Array): void {
  const { roots, output, feature, threshold, left, right, defaultLeft, catOffset, catBits, value } = c;
  for (let t = 0; t < roots.length; t++) {
    let node = roots[t] as number;
    let l = left[node] as number;
    while (l !== -1) {
      const v = x[feature[node] as number] as number;
      let goLeft: boolean;
      if (Number.isNaN(v)) goLeft = defaultLeft[node] === 1;
      else {
        const co = catOffset[node] as number;
        goLeft = co < 0 ? v <= (threshold[node] as number) : v < 256 && catBits[co + v] === 1;
      }
      node = goLeft ? l : (right[node] as number);
      l = left[node] as number;
    }
    const k = output[t] as number;
    out[k] = (out[k] as number) + (value[node] as number);
  }
}
