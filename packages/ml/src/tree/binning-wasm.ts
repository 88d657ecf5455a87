// Binning in WebAssembly (wasm/binning.ts): the quantile sample's sort here; each numeric column's
// bins and their copy row by row in the fit arena (fit-arena.ts binColumn, transposeBins).
// binning.ts's JavaScript stays the fallback and the reference (the tests compare them). In
// JavaScript a fit's first binning ran interpreted: a 200k-row fit binned its 6 columns in about
// 90 ms in a fresh process (55 ms warm); in WebAssembly in about 50 (33 warm). Category codes are
// binned there too (fit-arena.ts binCodes).
import { type WasmMemory, wasm } from "../wasm/webassembly.ts";
import { type BinningExports, fittingModule } from "./fitting-kernels.ts";
import { fitKernelVariant } from "./histogram-kernel.ts";

const PAGE = 65536;
const COUNT_BYTES = 3 * 2048 * 4;

/** The sort's own memory and kernels, kept for the process (a larger one replaces it when a sample needs more). */
let sorter: { kernels: BinningExports; memory: WasmMemory; capacity: number } | null = null;

/**
 * Sorts values that are all exact in single precision, ascending as the native sort would (-0
 * before 0), in WebAssembly; false (values untouched) where it cannot run.
 */
export function sortSinglesInWasm(values: Float64Array): boolean {
  const m = values.length;
  const s = sorterFor(m);
  if (!s) return false;
  const singles = new Float32Array(s.memory.buffer, COUNT_BYTES, m);
  singles.set(values);
  s.kernels.sortSingles(COUNT_BYTES, COUNT_BYTES + 4 * m, 0, m);
  values.set(singles);
  return true;
}

function sorterFor(m: number) {
  if (fitKernelVariant() !== "wasm") return null;
  if (sorter && sorter.capacity >= m) return sorter;
  const module = fittingModule();
  if (!module) return null;
  // Room for the values and their scratch, and for at least 400,000 (a quantile sample is at most that).
  const capacity = Math.max(m, 400_000);
  const pages = Math.ceil((COUNT_BYTES + 8 * capacity) / PAGE);
  try {
    const memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
    const kernels = new wasm.Instance(module, { env: { memory, abort() {} } }).exports as unknown as BinningExports;
    sorter = { kernels, memory, capacity };
    return sorter;
  } catch {
    return null;
  }
}
