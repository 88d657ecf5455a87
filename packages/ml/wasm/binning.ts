// AssemblyScript: the binning kernels (fitting.ts exports them), twins of src/tree/binning.ts's
// sortSingles, binColumn and binCodes, which stay as the fallback and the reference (the tests compare
// them). In JavaScript a fit's first binning ran interpreted: a 200k-row fit binned its 6 columns in
// about 90 ms in a fresh process and 55 ms warm; here in about 50 and 33 (the sort 1.7 ms instead of
// 5 per column, a column's bins 1.6 ms instead of 5). Arguments are byte offsets into the memory.

/**
 * Sorts m f32 values at `values` in place, ascending as the native sort orders them (-0 before 0):
 * a radix sort of their 32 bits in three passes of 11 bits. `scratch`: m u32; `count`: 3 × 2048 u32.
 */
export function sortSingles(values: usize, scratch: usize, count: usize, m: i32): void {
  memory.fill(count, 0, 3 * 2048 * 4);
  // Bits that order as unsigned integers the way the floats order: negatives flipped whole,
  // positives with the sign bit set; the three digits' counts in the same pass.
  for (let i = 0; i < m; i++) {
    const at = values + (<usize>i << 2);
    const k = load<u32>(at);
    const key = k & 0x80000000 ? ~k : k | 0x80000000;
    store<u32>(at, key);
    const d0 = count + ((<usize>key & 2047) << 2);
    const d1 = count + ((2048 + ((<usize>key >> 11) & 2047)) << 2);
    const d2 = count + ((4096 + (<usize>key >> 22)) << 2);
    store<u32>(d0, load<u32>(d0) + 1);
    store<u32>(d1, load<u32>(d1) + 1);
    store<u32>(d2, load<u32>(d2) + 1);
  }
  for (let digit = 0; digit < 3; digit++) {
    let sum: u32 = 0;
    for (let d = digit * 2048; d < (digit + 1) * 2048; d++) {
      const at = count + (<usize>d << 2);
      const c = load<u32>(at);
      store<u32>(at, sum);
      sum += c;
    }
  }
  // values → scratch → values → scratch.
  let from = values;
  let to = scratch;
  for (let digit = 0, shift: u32 = 0; digit < 3; digit++, shift += 11) {
    const base = count + (<usize>(digit * 2048) << 2);
    for (let i = 0; i < m; i++) {
      const k = load<u32>(from + (<usize>i << 2));
      const slot = base + (<usize>((k >> shift) & 2047) << 2);
      const place = load<u32>(slot);
      store<u32>(to + (<usize>place << 2), k);
      store<u32>(slot, place + 1);
    }
    const t = from;
    from = to;
    to = t;
  }
  for (let i = 0; i < m; i++) {
    const k = load<u32>(from + (<usize>i << 2));
    store<u32>(values + (<usize>i << 2), k & 0x80000000 ? k & 0x7fffffff : ~k);
  }
}

/**
 * out[i] = the bin of value i of an f32 column (`single`) or an f64 one: 0 when missing, otherwise
 * 1 + the number of edges below it, by a binary search without branches over the edges padded to
 * 256 f64 with +Infinity at `edges` (eight steps, each adding its half when the edge it looks at is
 * below the value), as binning.ts's binColumn does.
 */
export function binColumn(edges: usize, column: usize, single: bool, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const v = single ? <f64>load<f32>(column + (<usize>i << 2)) : load<f64>(column + (<usize>i << 3));
    let below: usize = load<f64>(edges, 127 << 3) < v ? 128 : 0;
    below += load<f64>(edges + (below << 3), 63 << 3) < v ? 64 : 0;
    below += load<f64>(edges + (below << 3), 31 << 3) < v ? 32 : 0;
    below += load<f64>(edges + (below << 3), 15 << 3) < v ? 16 : 0;
    below += load<f64>(edges + (below << 3), 7 << 3) < v ? 8 : 0;
    below += load<f64>(edges + (below << 3), 3 << 3) < v ? 4 : 0;
    below += load<f64>(edges + (below << 3), 1 << 3) < v ? 2 : 0;
    below += load<f64>(edges + (below << 3)) < v ? 1 : 0;
    store<u8>(out + <usize>i, v != v ? 0 : <u8>(below + 1));
  }
}

/**
 * out[i] = the bin of category code i of an f32 column (`single`) or an f64 one: 0 when missing,
 * otherwise code + 1, the codes past the last bin in the last (binning.ts's binCodes). In
 * JavaScript this loop took 28–55 ns a code even in a process's third fit: 11–23 ms of a 200k-row
 * fit with two category columns, before its helper threads could start; here 3 ms.
 */
export function binCodes(column: usize, single: bool, out: usize, n: i32, last: i32): void {
  const top = <f64>last;
  for (let i = 0; i < n; i++) {
    const code = single ? <f64>load<f32>(column + (<usize>i << 2)) : load<f64>(column + (<usize>i << 3));
    // Missing as code −1, so no conversion ever sees NaN (it would trap).
    const v = code != code ? -1 : code;
    store<u8>(out + <usize>i, <u8>(<i32>max(0, min(v + 1, top))));
  }
}

/**
 * The bins by column (byFeature[f * n + i]) copied row by row (bins[i * F + f]), a block of rows at a
 * time so the block's rows stay in the cache while every column writes its byte of each.
 */
export function transposeBins(byFeature: usize, bins: usize, n: i32, F: i32): void {
  for (let start = 0; start < n; start += 2048) {
    const end = min(n, start + 2048);
    for (let f = 0; f < F; f++) {
      const column = byFeature + <usize>f * <usize>n;
      for (let i = start; i < end; i++) store<u8>(bins + <usize>i * <usize>F + <usize>f, load<u8>(column + <usize>i));
    }
  }
}
