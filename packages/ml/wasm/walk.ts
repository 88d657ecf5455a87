// AssemblyScript: each new tree's values added to binned rows by a walk down it (src/tree/binned-scoring.ts
// lays the tree out; its addTreeValues is this walk's JavaScript twin). Exported by the fitting kernels
// (a sample's left-out rows, in the fit arena) and the validation kernel (the validation rows).
/**
 * scores[i * K + k] += values[the leaf row i lands in] for rows i in list[0, count) (u32), or
 * for rows [0, count) when list is 0, walking `depth` steps down
 * a tree laid out as binned-scoring.ts's layTree lays it (tables: 256 u8 a node, 1 where the bin
 * goes left; children: i32 pairs, right then left; features: i32 a node; values: f64 a node).
 * bins: the rows' bins, F u8 a row. Eight rows walk together, so their chains of dependent loads
 * overlap (the JavaScript walk takes four).
 */
export function addTreeValues(
  bins: usize,
  F: i32,
  list: usize,
  count: i32,
  depth: i32,
  tables: usize,
  children: usize,
  features: usize,
  values: usize,
  scores: usize,
  K: i32,
  k: i32,
): void {
  const stride = <usize>F;
  let j = 0;
  for (; j + 8 <= count; j += 8) {
    const i0 = rowAt(list, j);
    const i1 = rowAt(list, j + 1);
    const i2 = rowAt(list, j + 2);
    const i3 = rowAt(list, j + 3);
    const i4 = rowAt(list, j + 4);
    const i5 = rowAt(list, j + 5);
    const i6 = rowAt(list, j + 6);
    const i7 = rowAt(list, j + 7);
    let n0: u32 = 0;
    let n1: u32 = 0;
    let n2: u32 = 0;
    let n3: u32 = 0;
    let n4: u32 = 0;
    let n5: u32 = 0;
    let n6: u32 = 0;
    let n7: u32 = 0;
    for (let d = 0; d < depth; d++) {
      n0 = step(n0, bins + <usize>i0 * stride, tables, children, features);
      n1 = step(n1, bins + <usize>i1 * stride, tables, children, features);
      n2 = step(n2, bins + <usize>i2 * stride, tables, children, features);
      n3 = step(n3, bins + <usize>i3 * stride, tables, children, features);
      n4 = step(n4, bins + <usize>i4 * stride, tables, children, features);
      n5 = step(n5, bins + <usize>i5 * stride, tables, children, features);
      n6 = step(n6, bins + <usize>i6 * stride, tables, children, features);
      n7 = step(n7, bins + <usize>i7 * stride, tables, children, features);
    }
    addValue(scores, values, i0, K, k, n0);
    addValue(scores, values, i1, K, k, n1);
    addValue(scores, values, i2, K, k, n2);
    addValue(scores, values, i3, K, k, n3);
    addValue(scores, values, i4, K, k, n4);
    addValue(scores, values, i5, K, k, n5);
    addValue(scores, values, i6, K, k, n6);
    addValue(scores, values, i7, K, k, n7);
  }
  for (; j < count; j++) {
    const i = rowAt(list, j);
    let node: u32 = 0;
    for (let d = 0; d < depth; d++) node = step(node, bins + <usize>i * stride, tables, children, features);
    addValue(scores, values, i, K, k, node);
  }
}

/** The j-th row: list[j], or j itself without a list. */
// @ts-ignore: decorator
@inline
function rowAt(list: usize, j: i32): i32 {
  return list ? load<i32>(list + (<usize>j << 2)) : j;
}

/** One step down from `node` for the row whose bins start at `row`. */
// @ts-ignore: decorator
@inline
function step(node: u32, row: usize, tables: usize, children: usize, features: usize): u32 {
  const bin = load<u8>(row + <usize>load<i32>(features + (<usize>node << 2)));
  const left = load<u8>(tables + (<usize>node << 8) + <usize>bin);
  return load<u32>(children + (((<usize>node << 1) + <usize>left) << 2));
}

/** scores[i * K + k] += values[node]. */
// @ts-ignore: decorator
@inline
function addValue(scores: usize, values: usize, i: i32, K: i32, k: i32, node: u32): void {
  const at = scores + ((<usize>i * <usize>K + <usize>k) << 3);
  store<f64>(at, load<f64>(at) + load<f64>(values + (<usize>node << 3)));
}
