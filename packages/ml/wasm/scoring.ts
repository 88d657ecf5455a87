// AssemblyScript source of the WebAssembly scoring kernel (`pnpm --filter @roundhouse/ml build:wasm`
// compiles it into src/wasm/scoring-wasm.ts; a unit test rebuilds it and compares the bytes).
// The same walk as addRankedScores and scoreRanks in src/tree/complete-trees.ts, which stay as
// the fallback and the reference: complete trees over integer ranks, each split a bit set over
// ranks, no data-dependent branch. The host (src/tree/wasm-scorer.ts) lays the arrays out so that
// a step is a few instructions:
// - a split node is two words, tree-major: its feature slot's byte offset within a group of ranks
//   (slot × 32), and the byte address of its bit set;
// - ranks come in groups of eight rows, slot-major within a group (lane j of slot u at u × 32 + 4j),
//   so the eight rows walked at once read at one address plus a constant: eight rows take one
//   register, not eight (V8 spilled them to the stack);
// - a rank is stored as (its set word's byte offset) << 5 | its bit: the word's address is one
//   shift away, and a shift by the rank itself picks the bit (shifts count modulo 32).

/** The bit of set word at `set` + (e >>> 5) for rank e, added to the child index 2a + 1. */
// @ts-ignore: decorator (AssemblyScript: inline into every caller)
@inline
function next(p: usize, e: u32, a: i32): i32 {
  const word = load<u32>(<usize>load<u32>(p, 4) + <usize>(e >>> 5));
  return 2 * a + 1 + <i32>((word >>> e) & 1);
}

/**
 * Adds every tree's leaf value to out[row * K + output[t]] for `rows` ranked rows (in groups of
 * eight: row i in group i >> 3, lane i & 7). Eight rows walk each tree at once; each row adds
 * trees in model order.
 */
export function scoreRows(
  depth: i32,
  trees: i32,
  output: usize,
  node: usize,
  leaf: usize,
  ranks: usize,
  stride: i32,
  rows: i32,
  out: usize,
  K: i32,
): void {
  const splits = (1 << depth) - 1;
  const leaves = splits + 1;
  const full = rows - (rows % 8);
  const groupBytes = <usize>stride << 5;
  const kb = <usize>K << 3;
  for (let t = 0; t < trees; t++) {
    const nodes = node + (<usize>(t * splits) << 3);
    const leafAt = leaf + (<usize>(t * leaves - splits) << 3);
    const k = <usize>load<i32>(output + (<usize>t << 2));
    for (let i = 0; i < full; i += 8) {
      const group = ranks + (<usize>(i >> 3)) * groupBytes;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let a4 = 0;
      let a5 = 0;
      let a6 = 0;
      let a7 = 0;
      for (let d = 0; d < depth; d++) {
        const p0 = nodes + (<usize>a0 << 3);
        a0 = next(p0, load<u32>(group + <usize>load<u32>(p0), 0), a0);
        const p1 = nodes + (<usize>a1 << 3);
        a1 = next(p1, load<u32>(group + <usize>load<u32>(p1), 4), a1);
        const p2 = nodes + (<usize>a2 << 3);
        a2 = next(p2, load<u32>(group + <usize>load<u32>(p2), 8), a2);
        const p3 = nodes + (<usize>a3 << 3);
        a3 = next(p3, load<u32>(group + <usize>load<u32>(p3), 12), a3);
        const p4 = nodes + (<usize>a4 << 3);
        a4 = next(p4, load<u32>(group + <usize>load<u32>(p4), 16), a4);
        const p5 = nodes + (<usize>a5 << 3);
        a5 = next(p5, load<u32>(group + <usize>load<u32>(p5), 20), a5);
        const p6 = nodes + (<usize>a6 << 3);
        a6 = next(p6, load<u32>(group + <usize>load<u32>(p6), 24), a6);
        const p7 = nodes + (<usize>a7 << 3);
        a7 = next(p7, load<u32>(group + <usize>load<u32>(p7), 28), a7);
      }
      const o = out + ((<usize>i * <usize>K + k) << 3);
      store<f64>(o, load<f64>(o) + load<f64>(leafAt + (<usize>a0 << 3)));
      store<f64>(o + kb, load<f64>(o + kb) + load<f64>(leafAt + (<usize>a1 << 3)));
      store<f64>(o + 2 * kb, load<f64>(o + 2 * kb) + load<f64>(leafAt + (<usize>a2 << 3)));
      store<f64>(o + 3 * kb, load<f64>(o + 3 * kb) + load<f64>(leafAt + (<usize>a3 << 3)));
      store<f64>(o + 4 * kb, load<f64>(o + 4 * kb) + load<f64>(leafAt + (<usize>a4 << 3)));
      store<f64>(o + 5 * kb, load<f64>(o + 5 * kb) + load<f64>(leafAt + (<usize>a5 << 3)));
      store<f64>(o + 6 * kb, load<f64>(o + 6 * kb) + load<f64>(leafAt + (<usize>a6 << 3)));
      store<f64>(o + 7 * kb, load<f64>(o + 7 * kb) + load<f64>(leafAt + (<usize>a7 << 3)));
    }
    for (let i = full; i < rows; i++) {
      const at = ranks + (<usize>(i >> 3)) * groupBytes + (<usize>(i & 7) << 2);
      let a = 0;
      for (let d = 0; d < depth; d++) {
        const p = nodes + (<usize>a << 3);
        a = next(p, load<u32>(at + <usize>load<u32>(p)), a);
      }
      const o = out + ((<usize>i * <usize>K + k) << 3);
      store<f64>(o, load<f64>(o) + load<f64>(leafAt + (<usize>a << 3)));
    }
  }
}

/** One row (lane 0 of the first group of ranks): four trees walk at once and are added in model order. */
export function scoreRow(depth: i32, trees: i32, output: usize, node: usize, leaf: usize, ranks: usize, out: usize): void {
  const splits = (1 << depth) - 1;
  const leaves = splits + 1;
  const quads = trees - (trees % 4);
  let t = 0;
  for (; t < quads; t += 4) {
    const n0 = node + (<usize>(t * splits) << 3);
    const sb = <usize>splits << 3;
    let a = 0;
    let b = 0;
    let c = 0;
    let e = 0;
    for (let d = 0; d < depth; d++) {
      const pa = n0 + (<usize>a << 3);
      a = next(pa, load<u32>(ranks + <usize>load<u32>(pa)), a);
      const pb = n0 + sb + (<usize>b << 3);
      b = next(pb, load<u32>(ranks + <usize>load<u32>(pb)), b);
      const pc = n0 + 2 * sb + (<usize>c << 3);
      c = next(pc, load<u32>(ranks + <usize>load<u32>(pc)), c);
      const pe = n0 + 3 * sb + (<usize>e << 3);
      e = next(pe, load<u32>(ranks + <usize>load<u32>(pe)), e);
    }
    addLeaf(out, output, leaf, t, leaves, splits, a);
    addLeaf(out, output, leaf, t + 1, leaves, splits, b);
    addLeaf(out, output, leaf, t + 2, leaves, splits, c);
    addLeaf(out, output, leaf, t + 3, leaves, splits, e);
  }
  for (; t < trees; t++) {
    const nodes = node + (<usize>(t * splits) << 3);
    let a = 0;
    for (let d = 0; d < depth; d++) {
      const p = nodes + (<usize>a << 3);
      a = next(p, load<u32>(ranks + <usize>load<u32>(p)), a);
    }
    addLeaf(out, output, leaf, t, leaves, splits, a);
  }
}

// @ts-ignore: decorator (AssemblyScript: inline into every caller)
@inline
function addLeaf(out: usize, output: usize, leaf: usize, t: i32, leaves: i32, splits: i32, n: i32): void {
  const o = out + (<usize>load<i32>(output + (<usize>t << 2)) << 3);
  store<f64>(o, load<f64>(o) + load<f64>(leaf + (<usize>(t * leaves + n - splits) << 3)));
}

// Ranking: a raw value's rank among a used feature's thresholds, as rankOf in complete-trees.ts
// (its reference), encoded as the walk reads it. A model of 500 features spent nine tenths of a
// row's time ranking in JavaScript: a binary search per feature whose branches the data decides.
// Here the search has no branch: a feature's thresholds are padded with +Infinity to `size` − 1
// entries (size a power of two), and each step adds its half when the entry below is less than v.

/** The encoding of a missing value's rank (complete-trees.ts MISSING: word 9, bit 0). */
const MISSING_RANK: u32 = 9 << 7;
/** A category code outside 0–255 (complete-trees.ts OTHER_CATEGORY). */
const OTHER_CATEGORY: f64 = 256;

// @ts-ignore: decorator (AssemblyScript: inline into every caller)
@inline
function rankOf(v: f64, edges: usize, size: i32): u32 {
  let r: i32 = 0;
  if (size > 0) {
    // Unrolled from the size down (each case falls through): constant offsets, no loop counter.
    switch (size) {
      case 256:
        r += select<i32>(128, 0, load<f64>(edges, 127 << 3) < v);
      case 128:
        r += select<i32>(64, 0, load<f64>(edges + (<usize>r << 3), 63 << 3) < v);
      case 64:
        r += select<i32>(32, 0, load<f64>(edges + (<usize>r << 3), 31 << 3) < v);
      case 32:
        r += select<i32>(16, 0, load<f64>(edges + (<usize>r << 3), 15 << 3) < v);
      case 16:
        r += select<i32>(8, 0, load<f64>(edges + (<usize>r << 3), 7 << 3) < v);
      case 8:
        r += select<i32>(4, 0, load<f64>(edges + (<usize>r << 3), 3 << 3) < v);
      case 4:
        r += select<i32>(2, 0, load<f64>(edges + (<usize>r << 3), 1 << 3) < v);
      default:
        r += select<i32>(1, 0, load<f64>(edges + (<usize>r << 3)) < v);
    }
  } else {
    // A categorical feature: the code itself (truncated, as `v | 0`), or OTHER_CATEGORY.
    r = <i32>select<f64>(v, OTHER_CATEGORY, (v >= 0) & (v < 256));
  }
  const rank = <u32>r;
  return select<u32>(MISSING_RANK, (((rank >>> 5) & 15) << 7) | (rank & 31), v != v);
}

/**
 * Ranks `count` values (f64 at `values`) of one used feature into its slot of the groups of ranks:
 * row i at ranks + (i >> 3) × groupBytes + (i & 7) × 4. `size` 0 for a categorical feature.
 */
export function rankColumn(values: usize, count: i32, edges: usize, size: i32, ranks: usize, groupBytes: usize): void {
  for (let i = 0; i < count; i++) {
    const at = ranks + <usize>(i >> 3) * groupBytes + (<usize>(i & 7) << 2);
    store<u32>(at, rankOf(load<f64>(values + (<usize>i << 3)), edges, size));
  }
}

/**
 * Ranks one row of raw values (f64 at `x`) into lane 0 of the first group. Per used feature, three
 * words at `features`: its column in x, its thresholds' byte address and their padded size.
 */
export function rankRow(x: usize, features: usize, used: i32, ranks: usize): void {
  for (let u = 0; u < used; u++) {
    const f = features + <usize>u * 12;
    const v = load<f64>(x + (<usize>load<u32>(f) << 3));
    store<u32>(ranks + (<usize>u << 5), rankOf(v, <usize>load<u32>(f, 4), load<i32>(f, 8)));
  }
}
