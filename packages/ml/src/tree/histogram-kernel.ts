// The histogram kernel, generated for one binning: each feature's histogram offset becomes a
// constant and the loop over features is unrolled, so V8 compiles straight-line adds with no
// offset loads or loop bookkeeping per row×feature (about 2.5× faster than the loop in
// `buildHistogram`, which stays as the reference the tests compare against). Gradients are
// quantized (gbdt/quantize.ts), so sums are exact in any order and every kernel grows the same trees.

import type { BinnedRows, Binning } from "./binning.ts";

export type HistogramKernel = (
  hist: Float64Array,
  bins: Uint8Array,
  gh: Float32Array,
  rows: Uint32Array,
  start: number,
  end: number,
) => void;

/** Above this many features the unrolled body gets long enough to hurt; the loop is used instead. */
const MAX_UNROLLED = 1024;

/** The kernel's source, so worker threads (fit-worker.js) compile exactly the same function. */
export function histogramKernelSource(offset: ArrayLike<number>, F: number): string | null {
  if (F > MAX_UNROLLED) return null;
  const lines: string[] = [];
  for (let f = 0; f < F; f++) {
    const o = (offset[f] as number) * 2;
    lines.push(`k = ${o} + (bins[b + ${f}] << 1); hist[k] += g; hist[k + 1] += h;`);
  }
  return [
    "for (let i = start; i < end; i++) {",
    "  const r = rows[i];",
    "  const g = gh[2 * r];",
    "  const h = gh[2 * r + 1];",
    `  const b = r * ${F};`,
    "  let k = 0;",
    ...lines.map((l) => `  ${l}`),
    "}",
  ].join("\n");
}

export function compileHistogramKernel(source: string): HistogramKernel {
  return new Function("hist", "bins", "gh", "rows", "start", "end", source) as HistogramKernel;
}

const compiled = new Map<string, HistogramKernel>();

/**
 * The generated kernel for this binning, or null when the loop in grow.ts is the better choice.
 * Kept per source: a forest grows hundreds of trees on one binning and compiles once.
 */
export function histogramKernel(offset: ArrayLike<number>, F: number): HistogramKernel | null {
  const source = histogramKernelSource(offset, F);
  if (!source) return null;
  let kernel = compiled.get(source);
  if (!kernel) {
    if (compiled.size >= 16) compiled.clear();
    kernel = compileHistogramKernel(source);
    compiled.set(source, kernel);
  }
  return kernel;
}

/**
 * Which kernels grow trees: `wasm` (the default: wasm/fitting.ts over a fit arena, fit-arena.ts),
 * `generated` (the kernel above, partitioning in JavaScript) or `reference` (the plain loop of
 * grow.ts). All grow the same trees; the tests compare them and `pnpm bench:ml` measures them.
 * Set ROUNDHOUSE_FIT_KERNEL to choose.
 */
export type FitKernelVariant = "wasm" | "generated" | "reference";

export function fitKernelVariant(): FitKernelVariant {
  const v = process.env.ROUNDHOUSE_FIT_KERNEL;
  return v === "reference" || v === "generated" ? v : "wasm";
}

/** The loop every histogram kernel is checked against: adds rows [start, end)'s gradient pairs to their bins. */
export function buildHistogram(
  hist: Float64Array,
  data: Pick<BinnedRows, "bins" | "F">,
  binning: Pick<Binning, "offset">,
  gh: Float32Array,
  rows: Uint32Array,
  start: number,
  end: number,
) {
  const { bins, F } = data;
  const offset = binning.offset;
  for (let i = start; i < end; i++) {
    const r = rows[i] as number;
    const g = gh[2 * r] as number;
    const h = gh[2 * r + 1] as number;
    const base = r * F;
    for (let f = 0; f < F; f++) {
      const idx = ((offset[f] as number) + (bins[base + f] as number)) << 1;
      hist[idx] = (hist[idx] as number) + g;
      hist[idx + 1] = (hist[idx + 1] as number) + h;
    }
  }
}
