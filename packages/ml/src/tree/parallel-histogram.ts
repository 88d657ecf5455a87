// Histogram building over worker threads: a node's rows are split into `threads` ranges; workers
// sum theirs into shared histograms while this thread does the first range, then the parts are
// added. Bins, gradients and the row index live in SharedArrayBuffers, so nothing is copied.
// Small nodes stay on this thread: waking workers costs more than it saves there.
import { Worker } from "node:worker_threads";
import type { BinnedRows, Binning } from "./binning.ts";
import type { FitArena } from "./fit-arena.ts";
import { buildHistogram } from "./grow.ts";
import { compileHistogramKernel, fitKernelVariant, histogramKernelSource } from "./histogram-kernel.ts";

const MIN_ROWS_PER_THREAD = 25_000;
/** A part takes milliseconds; a worker silent this long is stuck, and the fit must not wait forever. */
const WORKER_DEADLINE_MS = 10_000;

export type HistogramBuilder = (hist: Float64Array, start: number, end: number) => void;

export interface ParallelHistograms {
  build: HistogramBuilder;
  close: () => Promise<void>;
}

/** Allocates a typed array on shared memory, so worker threads can read it in place. */
export function sharedArray<T extends Uint8Array | Uint32Array | Float32Array>(
  Ctor: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Ctor(new SharedArrayBuffer(length * Ctor.BYTES_PER_ELEMENT));
}

export function parallelHistograms(
  threads: number,
  data: BinnedRows,
  binning: Binning,
  gh: Float32Array,
  rows: Uint32Array,
  arena: FitArena | null = null,
): ParallelHistograms {
  const source = fitKernelVariant() !== "reference" ? histogramKernelSource(binning.offset, data.F) : null;
  const kernel = source ? compileHistogramKernel(source) : null;
  const js: HistogramBuilder = kernel
    ? (hist, start, end) => kernel(hist, data.bins, gh, rows, start, end)
    : (hist, start, end) => buildHistogram(hist, data, binning, gh, rows, start, end);
  // With an arena, histograms in it are built by its WebAssembly kernel, here and in the workers.
  const single: HistogramBuilder = arena ? (hist, start, end) => (arena.owns(hist) ? arena.histogram : js)(hist, start, end) : js;
  const helpers = Math.max(0, threads - 1);
  if (helpers === 0 || !(data.bins.buffer instanceof SharedArrayBuffer)) return { build: single, close: async () => {} };
  const control = new Int32Array(new SharedArrayBuffer(helpers * 4 * 4));
  // Each worker sets its word once it is running. Until all have, this thread builds alone: a
  // worker still loading its module may need this thread's event loop (module loader hooks such
  // as tsx's run through it), and waiting on it from here would then never end.
  const ready = new Int32Array(new SharedArrayBuffer(helpers * 4));
  let allReady = false;
  const offset = new Uint32Array(new SharedArrayBuffer(binning.offset.length * 4));
  offset.set(binning.offset);
  const parts = arena?.parts ?? Array.from({ length: helpers }, () => new Float64Array(new SharedArrayBuffer(binning.totalBins * 2 * 8)));
  const inArena = arena ? { module: arena.module, memory: arena.memory, layout: arena.layout } : null;
  const workers = parts.map(
    (hist, index) =>
      new Worker(new URL("./hist-worker.js", import.meta.url), {
        workerData: { index, control, ready, bins: data.bins, F: data.F, gh, rows, offset, hist, source, arena: inArena },
        // Plain JavaScript importing only node:worker_threads: no loader flags (tsx) to start up.
        execArgv: [],
      }),
  );
  let seq = 0;
  // Set when a worker reports a failed job: from then on this thread builds alone.
  let broken = false;
  const build: HistogramBuilder = (hist, start, end) => {
    const n = end - start;
    const used = broken ? 0 : Math.min(helpers, Math.floor(n / MIN_ROWS_PER_THREAD) - 1);
    if (used <= 0) return single(hist, start, end);
    if (!allReady) {
      allReady = Array.from(ready, (_, w) => Atomics.load(ready, w)).every((r) => r === 1);
      // Quantized gradients sum exactly in any order, so building alone learns the same trees.
      if (!allReady) return single(hist, start, end);
    }
    seq++;
    const chunk = Math.ceil(n / (used + 1));
    for (let w = 0; w < used; w++) {
      const s = start + chunk * (w + 1);
      control[w * 4 + 1] = s;
      control[w * 4 + 2] = Math.min(end, s + chunk);
      Atomics.store(control, w * 4, seq);
      Atomics.notify(control, w * 4);
    }
    single(hist, start, Math.min(end, start + chunk));
    for (let w = 0; w < used; w++) {
      let done = Atomics.load(control, w * 4 + 3);
      const deadline = performance.now() + WORKER_DEADLINE_MS;
      while (done !== seq && done !== -1 && performance.now() < deadline) {
        Atomics.wait(control, w * 4 + 3, done, Math.max(1, deadline - performance.now()));
        done = Atomics.load(control, w * 4 + 3);
      }
      if (done !== seq) {
        // The worker failed (it printed its error) or stopped answering: its rows are summed here,
        // so the tree is the same, and this thread builds alone from now on.
        const what = done === -1 ? "failed" : `did not answer in ${WORKER_DEADLINE_MS / 1000} s`;
        console.error(`roundhouse: histogram worker ${w} ${what}; building on one thread`);
        broken = true;
        single(hist, control[w * 4 + 1] as number, control[w * 4 + 2] as number);
        continue;
      }
      const part = parts[w] as Float64Array;
      if (arena?.owns(hist)) arena.addInto(hist, part);
      else for (let i = 0; i < hist.length; i++) hist[i] = (hist[i] as number) + (part[i] as number);
    }
  };
  return {
    build,
    close: async () => {
      for (let w = 0; w < helpers; w++) {
        Atomics.store(control, w * 4, -1);
        Atomics.notify(control, w * 4);
      }
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
