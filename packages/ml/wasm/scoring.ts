// AssemblyScript source of the WebAssembly scoring kernel (`pnpm --filter @roundhouse/ml build:wasm`
// compiles it into src/wasm/scoring-wasm.ts; a unit test rebuilds it and compares the bytes).
// The same walk as addRankedScores and scoreRanks in src/tree/complete-trees.ts, which stay as
// the fallback and the reference: complete trees over integer ranks, each split a bit set over
// ranks, no data-dependent branch.
// WebAssembly has no bounds checks per load and keeps the four walks in registers: that is what
// the JavaScript version cannot get from V8. Arrays are at byte offsets the host lays out.

// A node word: the used feature's slot in its low 10 bits, its set's first word above them.
const SLOT_MASK: u32 = 1023;
const SLOT_BITS: u32 = 10;

// @ts-ignore: decorator (AssemblyScript: inline into every caller)
@inline
function step(node: usize, sets: usize, ranks: usize, g: i32, n: i32): i32 {
  const w = load<u32>(node + (<usize>g << 2));
  const r = load<u32>(ranks + (<usize>(w & SLOT_MASK) << 2));
  const word = load<u32>(sets + (<usize>((w >> SLOT_BITS) + ((r >> 5) & 15)) << 2));
  return 2 * n + 1 + <i32>((word >> (r & 31)) & 1);
}

/**
 * Adds every tree's leaf value to out[row * K + output[t]] for `rows` ranked rows (row i's ranks
 * at ranks + i * stride * 4). Eight rows walk each tree at once; each row adds trees in model order.
 */
export function scoreRows(
  depth: i32,
  trees: i32,
  output: usize,
  node: usize,
  sets: usize,
  leaf: usize,
  ranks: usize,
  stride: i32,
  rows: i32,
  out: usize,
  K: i32,
): void {
  const splits = (1 << depth) - 1;
  const leaves = splits + 1;
  const quads = rows - (rows % 8);
  const rowBytes = <usize>stride << 2;
  for (let t = 0; t < trees; t++) {
    const base = t * splits;
    const leafAt = leaf + (<usize>(t * leaves - splits) << 3);
    const k = <usize>load<i32>(output + (<usize>t << 2));
    for (let i = 0; i < quads; i += 8) {
      const r0 = ranks + <usize>i * rowBytes;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let a4 = 0;
      let a5 = 0;
      let a6 = 0;
      let a7 = 0;
      for (let d = 0; d < depth; d++) {
        a0 = step(node, sets, r0, base + a0, a0);
        a1 = step(node, sets, r0 + rowBytes, base + a1, a1);
        a2 = step(node, sets, r0 + 2 * rowBytes, base + a2, a2);
        a3 = step(node, sets, r0 + 3 * rowBytes, base + a3, a3);
        a4 = step(node, sets, r0 + 4 * rowBytes, base + a4, a4);
        a5 = step(node, sets, r0 + 5 * rowBytes, base + a5, a5);
        a6 = step(node, sets, r0 + 6 * rowBytes, base + a6, a6);
        a7 = step(node, sets, r0 + 7 * rowBytes, base + a7, a7);
      }
      const o = out + ((<usize>i * <usize>K + k) << 3);
      const kb = <usize>K << 3;
      store<f64>(o, load<f64>(o) + load<f64>(leafAt + (<usize>a0 << 3)));
      store<f64>(o + kb, load<f64>(o + kb) + load<f64>(leafAt + (<usize>a1 << 3)));
      store<f64>(o + 2 * kb, load<f64>(o + 2 * kb) + load<f64>(leafAt + (<usize>a2 << 3)));
      store<f64>(o + 3 * kb, load<f64>(o + 3 * kb) + load<f64>(leafAt + (<usize>a3 << 3)));
      store<f64>(o + 4 * kb, load<f64>(o + 4 * kb) + load<f64>(leafAt + (<usize>a4 << 3)));
      store<f64>(o + 5 * kb, load<f64>(o + 5 * kb) + load<f64>(leafAt + (<usize>a5 << 3)));
      store<f64>(o + 6 * kb, load<f64>(o + 6 * kb) + load<f64>(leafAt + (<usize>a6 << 3)));
      store<f64>(o + 7 * kb, load<f64>(o + 7 * kb) + load<f64>(leafAt + (<usize>a7 << 3)));
    }
    for (let i = quads; i < rows; i++) {
      const r0 = ranks + <usize>i * rowBytes;
      let a = 0;
      for (let d = 0; d < depth; d++) a = step(node, sets, r0, base + a, a);
      const o = out + ((<usize>i * <usize>K + k) << 3);
      store<f64>(o, load<f64>(o) + load<f64>(leafAt + (<usize>a << 3)));
    }
  }
}

/** One row (ranks at `ranks`): four trees walk at once and are added in model order. */
export function scoreRow(
  depth: i32,
  trees: i32,
  output: usize,
  node: usize,
  sets: usize,
  leaf: usize,
  ranks: usize,
  out: usize,
): void {
  const splits = (1 << depth) - 1;
  const leaves = splits + 1;
  const quads = trees - (trees % 4);
  let t = 0;
  for (; t < quads; t += 4) {
    let a = 0;
    let b = 0;
    let c = 0;
    let e = 0;
    const b0 = t * splits;
    for (let d = 0; d < depth; d++) {
      a = step(node, sets, ranks, b0 + a, a);
      b = step(node, sets, ranks, b0 + splits + b, b);
      c = step(node, sets, ranks, b0 + 2 * splits + c, c);
      e = step(node, sets, ranks, b0 + 3 * splits + e, e);
    }
    addLeaf(out, output, leaf, t, leaves, splits, a);
    addLeaf(out, output, leaf, t + 1, leaves, splits, b);
    addLeaf(out, output, leaf, t + 2, leaves, splits, c);
    addLeaf(out, output, leaf, t + 3, leaves, splits, e);
  }
  for (; t < trees; t++) {
    let a = 0;
    for (let d = 0; d < depth; d++) a = step(node, sets, ranks, t * splits + a, a);
    addLeaf(out, output, leaf, t, leaves, splits, a);
  }
}

// @ts-ignore: decorator (AssemblyScript: inline into every caller)
@inline
function addLeaf(out: usize, output: usize, leaf: usize, t: i32, leaves: i32, splits: i32, n: i32): void {
  const o = out + (<usize>load<i32>(output + (<usize>t << 2)) << 3);
  store<f64>(o, load<f64>(o) + load<f64>(leaf + (<usize>(t * leaves + n - splits) << 3)));
}
