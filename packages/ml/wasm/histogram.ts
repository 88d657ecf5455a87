// AssemblyScript source of the histogram kernels, compiled into the fitting module (fitting.ts
// exports them): each row's gradient pair added to its bin of every feature, as grow.ts's
// buildHistogram does (the reference, compared model by model in the tests).
/**
 * From this many features a node's histogram is built feature by feature, eight at a time
 * (histogramByColumn): at 20 features 1.2–1.4× faster than row by row, at 16 as fast, at 100 (a
 * histogram past the L1 cache) 1.5×.
 */
const COLUMN_WISE_FEATURES = 16;
/** Rows per block of histogramByColumn: their gradient pairs (8 bytes each) stay in the L1 cache (in the thread scratch fit-arena.ts gives each thread). */
const HISTOGRAM_BLOCK_ROWS = 1024;

/**
 * Adds each row of rows[start, end) to its bin of every feature: hist holds (g, h) as f64 pairs,
 * feature f's bins from pair offsets[f]. Row by row (bins by row, F bytes each) while the
 * histogram is small; feature by feature (bins by feature, n bytes each) from
 * COLUMN_WISE_FEATURES on, when a row's adds spread over a histogram too big for the L1 cache
 * (100 features: 410 KB, 2.4 ns per row×feature by row, 1.6 by feature). `block` is this thread's
 * HISTOGRAM_BLOCK_ROWS × 8 bytes of scratch. The sums are the same either way (quantized gradients
 * add exactly in any order).
 */
export function histogram(
  hist: usize,
  bins: usize,
  byFeature: usize,
  n: i32,
  F: i32,
  gh: usize,
  rows: usize,
  start: i32,
  end: i32,
  offsets: usize,
  block: usize,
): void {
  if (F >= COLUMN_WISE_FEATURES) histogramByColumn(hist, byFeature, n, 0, F, gh, rows, start, end, offsets, block);
  else histogramByRow(hist, bins, F, gh, rows, start, end, offsets);
}

/**
 * histogram of features [from, to) only, feature by feature: threads sharing a wide node's
 * histogram by features (parallel-fit.ts) each add into their own features' bins of it.
 */
export function histogramFeatures(
  hist: usize,
  byFeature: usize,
  n: i32,
  from: i32,
  to: i32,
  gh: usize,
  rows: usize,
  start: i32,
  end: i32,
  offsets: usize,
  block: usize,
): void {
  histogramByColumn(hist, byFeature, n, from, to, gh, rows, start, end, offsets, block);
}

/** histogram row by row: each row's gradient pair is read as two f32 and widened once. */
function histogramByRow(hist: usize, bins: usize, F: i32, gh: usize, rows: usize, start: i32, end: i32, offsets: usize): void {
  let i = start;
  // Four rows at a time: their loads are independent, so the CPU overlaps them; when rows fall in
  // one bin, each add reads what the one before it stored, as one row at a time would.
  for (; i + 3 < end; i += 4) {
    const at = rows + (<usize>i << 2);
    const r0 = load<u32>(at);
    const r1 = load<u32>(at, 4);
    const r2 = load<u32>(at, 8);
    const r3 = load<u32>(at, 12);
    const p0 = f64x2.promote_low_f32x4(v128.load64_zero(gh + (<usize>r0 << 3)));
    const p1 = f64x2.promote_low_f32x4(v128.load64_zero(gh + (<usize>r1 << 3)));
    const p2 = f64x2.promote_low_f32x4(v128.load64_zero(gh + (<usize>r2 << 3)));
    const p3 = f64x2.promote_low_f32x4(v128.load64_zero(gh + (<usize>r3 << 3)));
    const b0 = bins + <usize>r0 * <usize>F;
    const b1 = bins + <usize>r1 * <usize>F;
    const b2 = bins + <usize>r2 * <usize>F;
    const b3 = bins + <usize>r3 * <usize>F;
    for (let f = 0; f < F; f++) {
      const o = hist + (<usize>load<u32>(offsets + (<usize>f << 2)) << 4);
      const a0 = o + (<usize>load<u8>(b0 + <usize>f) << 4);
      v128.store(a0, f64x2.add(v128.load(a0), p0));
      const a1 = o + (<usize>load<u8>(b1 + <usize>f) << 4);
      v128.store(a1, f64x2.add(v128.load(a1), p1));
      const a2 = o + (<usize>load<u8>(b2 + <usize>f) << 4);
      v128.store(a2, f64x2.add(v128.load(a2), p2));
      const a3 = o + (<usize>load<u8>(b3 + <usize>f) << 4);
      v128.store(a3, f64x2.add(v128.load(a3), p3));
    }
  }
  for (; i < end; i++) {
    const r = load<u32>(rows + (<usize>i << 2));
    const pair = f64x2.promote_low_f32x4(v128.load64_zero(gh + (<usize>r << 3)));
    const b = bins + <usize>r * <usize>F;
    for (let f = 0; f < F; f++) {
      const a = hist + ((<usize>load<u32>(offsets + (<usize>f << 2)) + <usize>load<u8>(b + <usize>f)) << 4);
      v128.store(a, f64x2.add(v128.load(a), pair));
    }
  }
}

/**
 * histogram feature by feature, a block of rows at a time: the block's gradient pairs are gathered
 * into `block` once, then eight features at a time (four, then one, for the rest) add their bins
 * of those rows into their parts of the histogram (4 KB each at most: 32 KB, in the L1 cache),
 * reading their columns of bins in row order. Several features, not several rows of one feature:
 * when a column's rows mostly share a bin (a sparse or 0/1 column), each add to that bin waits for
 * the store of the one before it, and eight features make eight such chains the CPU overlaps (one
 * feature at a time was 1.75× slower on 100 features with 85% zeros; eight rather than four, 12%
 * faster on 54 features of which 44 are 0/1). A row's index and gradient are read once for all.
 */
// Features [from, F) (F: the end of the range, every feature for a whole histogram).
function histogramByColumn(
  hist: usize,
  byFeature: usize,
  n: i32,
  from: i32,
  F: i32,
  gh: usize,
  rows: usize,
  start: i32,
  end: i32,
  offsets: usize,
  block: usize,
): void {
  for (let s = start; s < end; s += HISTOGRAM_BLOCK_ROWS) {
    const m = min(s + HISTOGRAM_BLOCK_ROWS, end) - s;
    const at = rows + (<usize>s << 2);
    for (let j = 0; j < m; j++) store<u64>(block + (<usize>j << 3), load<u64>(gh + (<usize>load<u32>(at + (<usize>j << 2)) << 3)));
    let f = from;
    for (; f + 7 < F; f += 8) {
      const c0 = byFeature + <usize>f * <usize>n;
      const fo = offsets + (<usize>f << 2);
      const o0 = hist + (<usize>load<u32>(fo) << 4);
      const o1 = hist + (<usize>load<u32>(fo, 4) << 4);
      const o2 = hist + (<usize>load<u32>(fo, 8) << 4);
      const o3 = hist + (<usize>load<u32>(fo, 12) << 4);
      const o4 = hist + (<usize>load<u32>(fo, 16) << 4);
      const o5 = hist + (<usize>load<u32>(fo, 20) << 4);
      const o6 = hist + (<usize>load<u32>(fo, 24) << 4);
      const o7 = hist + (<usize>load<u32>(fo, 28) << 4);
      const stride = <usize>n;
      for (let j = 0; j < m; j++) {
        let c = c0 + <usize>load<u32>(at + (<usize>j << 2));
        const g = f64x2.promote_low_f32x4(v128.load64_zero(block + (<usize>j << 3)));
        const a0 = o0 + (<usize>load<u8>(c) << 4);
        v128.store(a0, f64x2.add(v128.load(a0), g));
        c += stride;
        const a1 = o1 + (<usize>load<u8>(c) << 4);
        v128.store(a1, f64x2.add(v128.load(a1), g));
        c += stride;
        const a2 = o2 + (<usize>load<u8>(c) << 4);
        v128.store(a2, f64x2.add(v128.load(a2), g));
        c += stride;
        const a3 = o3 + (<usize>load<u8>(c) << 4);
        v128.store(a3, f64x2.add(v128.load(a3), g));
        c += stride;
        const a4 = o4 + (<usize>load<u8>(c) << 4);
        v128.store(a4, f64x2.add(v128.load(a4), g));
        c += stride;
        const a5 = o5 + (<usize>load<u8>(c) << 4);
        v128.store(a5, f64x2.add(v128.load(a5), g));
        c += stride;
        const a6 = o6 + (<usize>load<u8>(c) << 4);
        v128.store(a6, f64x2.add(v128.load(a6), g));
        c += stride;
        const a7 = o7 + (<usize>load<u8>(c) << 4);
        v128.store(a7, f64x2.add(v128.load(a7), g));
      }
    }
    for (; f + 3 < F; f += 4) {
      const c0 = byFeature + <usize>f * <usize>n;
      const c1 = c0 + <usize>n;
      const c2 = c1 + <usize>n;
      const c3 = c2 + <usize>n;
      const o0 = hist + (<usize>load<u32>(offsets + (<usize>f << 2)) << 4);
      const o1 = hist + (<usize>load<u32>(offsets + (<usize>f << 2), 4) << 4);
      const o2 = hist + (<usize>load<u32>(offsets + (<usize>f << 2), 8) << 4);
      const o3 = hist + (<usize>load<u32>(offsets + (<usize>f << 2), 12) << 4);
      for (let j = 0; j < m; j++) {
        const r = <usize>load<u32>(at + (<usize>j << 2));
        const g = f64x2.promote_low_f32x4(v128.load64_zero(block + (<usize>j << 3)));
        const a0 = o0 + (<usize>load<u8>(c0 + r) << 4);
        v128.store(a0, f64x2.add(v128.load(a0), g));
        const a1 = o1 + (<usize>load<u8>(c1 + r) << 4);
        v128.store(a1, f64x2.add(v128.load(a1), g));
        const a2 = o2 + (<usize>load<u8>(c2 + r) << 4);
        v128.store(a2, f64x2.add(v128.load(a2), g));
        const a3 = o3 + (<usize>load<u8>(c3 + r) << 4);
        v128.store(a3, f64x2.add(v128.load(a3), g));
      }
    }
    for (; f < F; f++) {
      const column = byFeature + <usize>f * <usize>n;
      const o = hist + (<usize>load<u32>(offsets + (<usize>f << 2)) << 4);
      for (let j = 0; j < m; j++) {
        const a = o + (<usize>load<u8>(column + <usize>load<u32>(at + (<usize>j << 2))) << 4);
        v128.store(a, f64x2.add(v128.load(a), f64x2.promote_low_f32x4(v128.load64_zero(block + (<usize>j << 3)))));
      }
    }
  }
}
