// Exact TreeSHAP (Lundberg et al., "Consistent Individualized Feature Attribution for Tree
// Ensembles", Algorithm 2): per-feature contributions to one tree's output for one row, in
// polynomial time. Contributions plus the tree's expected value equal the tree's output.
import { goesLeft, type Tree } from "../tree/tree.ts";

interface PathElement {
  feature: number;
  zero: number;
  one: number;
  weight: number;
}

/** Adds the tree's contributions for row x to phi (one slot per feature). */
export function treeShap(tree: Tree, x: ArrayLike<number>, phi: Float64Array): void {
  const maxDepth = depthOf(tree, 0) + 2;
  const path: PathElement[] = Array.from({ length: ((maxDepth + 2) * (maxDepth + 3)) / 2 }, () => ({
    feature: -1,
    zero: 0,
    one: 0,
    weight: 0,
  }));
  recurse(tree, x, phi, 0, 0, 0, 0, 1, 1, -1, path);
}

/** The tree's mean output, weighted by how many rows (or how much hessian) reached each leaf. */
export function expectedValue(tree: Tree, node = 0): number {
  if (tree.left[node] === -1) return tree.value[node] as number;
  const l = tree.left[node] as number;
  const r = tree.right[node] as number;
  const c = tree.cover[node] as number;
  return ((tree.cover[l] as number) * expectedValue(tree, l) + (tree.cover[r] as number) * expectedValue(tree, r)) / c;
}

function depthOf(tree: Tree, node: number): number {
  if (tree.left[node] === -1) return 0;
  return 1 + Math.max(depthOf(tree, tree.left[node] as number), depthOf(tree, tree.right[node] as number));
}

// `path` is one buffer: each recursion level works on its own slice starting at `offset`, a copy
// of its parent's elements, so unwinding in a child never disturbs the parent.
function recurse(
  tree: Tree,
  x: ArrayLike<number>,
  phi: Float64Array,
  node: number,
  offset: number,
  depth: number,
  parentOffset: number,
  zero: number,
  one: number,
  feature: number,
  path: PathElement[],
) {
  for (let i = 0; i < depth; i++) Object.assign(path[offset + i] as PathElement, path[parentOffset + i]);
  extend(path, offset, depth, zero, one, feature);
  if (tree.left[node] === -1) {
    const v = tree.value[node] as number;
    for (let i = 1; i <= depth; i++) {
      const el = path[offset + i] as PathElement;
      const w = unwoundSum(path, offset, depth, i);
      phi[el.feature] = (phi[el.feature] as number) + w * (el.one - el.zero) * v;
    }
    return;
  }
  const f = tree.feature[node] as number;
  const left = tree.left[node] as number;
  const right = tree.right[node] as number;
  const hot = goesLeft(tree, node, x[f] as number) ? left : right;
  const cold = hot === left ? right : left;
  const cover = tree.cover[node] as number;
  let inZero = 1;
  let inOne = 1;
  let d = depth;
  let k = 0;
  for (; k <= d; k++) if ((path[offset + k] as PathElement).feature === f) break;
  if (k <= d) {
    inZero = (path[offset + k] as PathElement).zero;
    inOne = (path[offset + k] as PathElement).one;
    unwind(path, offset, d, k);
    d -= 1;
  }
  const next = offset + depth + 1;
  recurse(tree, x, phi, hot, next, d + 1, offset, ((tree.cover[hot] as number) / cover) * inZero, inOne, f, path);
  recurse(tree, x, phi, cold, next, d + 1, offset, ((tree.cover[cold] as number) / cover) * inZero, 0, f, path);
}

function extend(path: PathElement[], o: number, depth: number, zero: number, one: number, feature: number) {
  const el = path[o + depth] as PathElement;
  el.feature = feature;
  el.zero = zero;
  el.one = one;
  el.weight = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    const a = path[o + i] as PathElement;
    const b = path[o + i + 1] as PathElement;
    b.weight += (one * a.weight * (i + 1)) / (depth + 1);
    a.weight = (zero * a.weight * (depth - i)) / (depth + 1);
  }
}

function unwind(path: PathElement[], o: number, depth: number, index: number) {
  const { one, zero } = path[o + index] as PathElement;
  let next = (path[o + depth] as PathElement).weight;
  for (let i = depth - 1; i >= 0; i--) {
    const el = path[o + i] as PathElement;
    if (one !== 0) {
      const tmp = el.weight;
      el.weight = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (el.weight * zero * (depth - i)) / (depth + 1);
    } else {
      el.weight = (el.weight * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    const a = path[o + i] as PathElement;
    const b = path[o + i + 1] as PathElement;
    a.feature = b.feature;
    a.zero = b.zero;
    a.one = b.one;
  }
}

function unwoundSum(path: PathElement[], o: number, depth: number, index: number): number {
  const { one, zero } = path[o + index] as PathElement;
  let next = (path[o + depth] as PathElement).weight;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    const el = path[o + i] as PathElement;
    if (one !== 0) {
      const tmp = (next * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      next = el.weight - (tmp * zero * (depth - i)) / (depth + 1);
    } else if (zero !== 0) {
      total += el.weight / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}
