// A fit on several threads: helper threads (fit-worker.js) take parts of a range of rows while
// this thread does the first part, then the parts are combined. Bins, gradients, scores and the row
// index live in shared memory (the fit arena's, or SharedArrayBuffers), so nothing is copied.
// Jobs: node histograms (each helper sums its part into its own histogram, added here); with the
// arena also a node's partition (each part split into scratch, gathered here in order), and the
// logistic gradients and their quantizing (by rows). Small jobs stay on this thread: waking a
// helper costs tens of microseconds. Every job gives the same bytes as on one thread: histograms of
// quantized gradients sum exactly in any order, and the partition keeps the rows' order.
import { Worker } from "node:worker_threads";
import { gridScale } from "../gbdt/quantize.ts";
import type { BinnedRows, Binning } from "./binning.ts";
import type { FitArena } from "./fit-arena.ts";
import { buildHistogram } from "./grow.ts";
import { compileHistogramKernel, fitKernelVariant, histogramKernelSource } from "./histogram-kernel.ts";

/** Least work per part worth a helper: rows × features for a histogram, rows for the rest. */
const MIN_CELLS_PER_PART = 16_384;
const MIN_ROWS_PER_PART = 4_096;
/**
 * Fewer rows than this fit on this thread alone: starting a helper costs tens of milliseconds, and
 * a 20k-row fit on two threads took 0.23 s against 0.19 s on one.
 */
export const MIN_ROWS_FOR_HELPERS = 50_000;
/** A part takes milliseconds; a helper silent this long is stuck, and the fit must not wait forever. */
const HELPER_DEADLINE_MS = 10_000;
/**
 * How long a thread spins on a control word before it sleeps (the helpers are given the same). With
 * 0.5 ms a helper was asleep for one round's gradient job in two and a wake-up cost 100–300 µs; 2 ms
 * spans the gaps between a round's jobs (a 200k-row fit waited 20% less for its helper).
 */
const SPIN_MS = 2;
// Job kinds and control words per helper, as fit-worker.js reads them.
const HISTOGRAM = 0;
const SPLIT_ROWS = 1;
const GRADIENTS = 2;
const QUANTIZE = 3;
const WORDS = 8; // job number, start, end, done, kind, argument, result, unused

export type HistogramBuilder = (hist: Float64Array, start: number, end: number) => void;
/** A node's partition (grow.ts): rows of [start, end) whose bin of `feature` goes left first; returns where the right part starts. */
export type Partitioner = (feature: number, start: number, end: number, goesLeft: Uint8Array) => number;

export interface ParallelFit {
  histogram: HistogramBuilder;
  /** With the arena: a partition that splits large nodes over the threads (null: grow.ts's own). */
  partition: Partitioner | null;
  /** With the arena: binary:logistic gradients of rows 0..n-1, quantized (null without an arena). */
  logisticGradients: ((n: number) => void) | null;
  close: () => Promise<void>;
}

/** Allocates a typed array on shared memory, so worker threads can read it in place. */
export function sharedArray<T extends Uint8Array | Uint32Array | Float32Array>(
  Ctor: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  return new Ctor(new SharedArrayBuffer(length * Ctor.BYTES_PER_ELEMENT));
}

export function parallelFit(
  threads: number,
  data: BinnedRows,
  binning: Binning,
  gh: Float32Array,
  rows: Uint32Array,
  arena: FitArena | null = null,
): ParallelFit {
  const source = fitKernelVariant() !== "reference" ? histogramKernelSource(binning.offset, data.F) : null;
  const kernel = source ? compileHistogramKernel(source) : null;
  const js: HistogramBuilder = kernel
    ? (hist, start, end) => kernel(hist, data.bins, gh, rows, start, end)
    : (hist, start, end) => buildHistogram(hist, data, binning, gh, rows, start, end);
  // With an arena, histograms in it are built by its WebAssembly kernel, here and in the helpers.
  const single: HistogramBuilder = arena ? (hist, start, end) => (arena.owns(hist) ? arena.histogram : js)(hist, start, end) : js;
  const alone = arena
    ? (n: number) => {
        arena.logisticGradients(0, n);
        arena.quantize(n);
      }
    : null;
  const helpers = Math.max(0, threads - 1);
  if (helpers === 0 || !(data.bins.buffer instanceof SharedArrayBuffer))
    return { histogram: single, partition: null, logisticGradients: alone, close: async () => {} };
  const control = new Int32Array(new SharedArrayBuffer(helpers * WORDS * 4));
  // Each helper sets its word once it is running. Until all have, this thread works alone: a
  // helper still loading its module may need this thread's event loop (module loader hooks such
  // as tsx's run through it), and waiting on it from here would then never end.
  const ready = new Int32Array(new SharedArrayBuffer(helpers * 4));
  let allReady = false;
  const offset = new Uint32Array(new SharedArrayBuffer(binning.offset.length * 4));
  offset.set(binning.offset);
  const parts = arena?.parts ?? Array.from({ length: helpers }, () => new Float64Array(new SharedArrayBuffer(binning.totalBins * 2 * 8)));
  const inArena = arena ? { module: arena.module, memory: arena.memory, layout: arena.layout } : null;
  const workers = parts.map(
    (hist, index) =>
      new Worker(new URL("./fit-worker.js", import.meta.url), {
        workerData: { index, control, ready, spinMs: SPIN_MS, bins: data.bins, F: data.F, gh, rows, offset, hist, source, arena: inArena },
        // Plain JavaScript importing only node:worker_threads: no loader flags (tsx) to start up.
        execArgv: [],
      }),
  );
  // Fault tests (ROUNDHOUSE_FIT_HELPER_FAULT) need the helpers to take part, however quickly the fit
  // would end without them: ROUNDHOUSE_FIT_HELPER_WAIT_MS lets this thread wait that long for them.
  const waitMs = Number(process.env.ROUNDHOUSE_FIT_HELPER_WAIT_MS ?? 0);
  if (waitMs > 0) {
    const deadline = Date.now() + waitMs;
    for (let w = 0; w < helpers; w++)
      while (Atomics.load(ready, w) !== 1 && Date.now() < deadline) Atomics.wait(ready, w, 0, Math.max(1, deadline - Date.now()));
  }
  let seq = 0;
  // Set when a helper reports a failed job or goes silent: from then on this thread works alone.
  let broken = false;
  // A helper that dies outside a job (it cannot start, or it crashes between jobs) is missed by the
  // deadline above; without a listener its error event would crash this process once the fit, which
  // blocks the event loop, is over: the model would be lost.
  workers.forEach((worker, w) => {
    worker.on("error", (error) => {
      console.error(`roundhouse: fit helper thread ${w} stopped: ${error.message}`);
      broken = true;
    });
  });

  /** How many helpers a job of this much work gets (0: this thread alone). */
  const helpersFor = (work: number, minPerPart: number) => {
    if (broken) return 0;
    const used = Math.min(helpers, Math.floor(work / minPerPart) - 1);
    if (used <= 0) return 0;
    allReady ||= Array.from(ready, (_, w) => Atomics.load(ready, w)).every((r) => r === 1);
    return allReady ? used : 0;
  };

  /**
   * Splits [start, end) into used + 1 parts at even row numbers (the gradient kernel pairs rows),
   * gives parts 1.. to helpers and runs `here` on part 0; then, per helper part in order, `done`
   * on success or `here` (redone on this thread) when the helper failed. Returns the part bounds.
   */
  const run = (
    kind: number,
    start: number,
    end: number,
    used: number,
    argument: number,
    here: (s: number, e: number) => void,
    done: (w: number, s: number, e: number) => void,
  ): number[] => {
    seq++;
    const chunk = Math.ceil((end - start) / (used + 1) / 2) * 2;
    const bounds = Array.from({ length: used + 2 }, (_, p) => Math.min(end, start + chunk * p));
    bounds[used + 1] = end;
    for (let w = 0; w < used; w++) {
      const c = w * WORDS;
      control[c + 1] = bounds[w + 1] as number;
      control[c + 2] = bounds[w + 2] as number;
      control[c + 4] = kind;
      control[c + 5] = argument;
      Atomics.store(control, c, seq);
      Atomics.notify(control, c);
    }
    here(start, bounds[1] as number);
    for (let w = 0; w < used; w++) {
      const s = bounds[w + 1] as number;
      const e = bounds[w + 2] as number;
      if (waitFor(w)) done(w, s, e);
      else here(s, e);
    }
    return bounds;
  };

  /** Waits for helper w's current job; false (and alone from now on) when it failed or went silent. */
  const waitFor = (w: number): boolean => {
    const c = w * WORDS;
    let state = Atomics.load(control, c + 3);
    // Spin first: a part ends within microseconds of this thread's, and sleeping on the futex costs
    // a wake-up of tens of microseconds on a virtual machine.
    for (const spinUntil = performance.now() + SPIN_MS; state !== seq && state !== -1 && performance.now() < spinUntil; )
      state = Atomics.load(control, c + 3);
    const deadline = performance.now() + HELPER_DEADLINE_MS;
    while (state !== seq && state !== -1 && performance.now() < deadline) {
      Atomics.wait(control, c + 3, state, Math.max(1, deadline - performance.now()));
      state = Atomics.load(control, c + 3);
    }
    if (state === seq) return true;
    // The helper failed (it printed its error) or stopped answering: its part is redone here, so the
    // model is the same, and it is stopped so that a late answer cannot write over anything.
    const what = state === -1 ? "failed" : `did not answer in ${HELPER_DEADLINE_MS / 1000} s`;
    console.error(`roundhouse: fit helper thread ${w} ${what}; going on with one thread`);
    broken = true;
    void workers[w]?.terminate();
    return false;
  };

  const histogram: HistogramBuilder = (hist, start, end) => {
    const used = helpersFor((end - start) * data.F, MIN_CELLS_PER_PART);
    if (used === 0) return single(hist, start, end);
    run(
      HISTOGRAM,
      start,
      end,
      used,
      0,
      (s, e) => single(hist, s, e),
      (w) => {
        const part = parts[w] as Float64Array;
        if (arena?.owns(hist)) arena.addInto(hist, part);
        else for (let i = 0; i < hist.length; i++) hist[i] = (hist[i] as number) + (part[i] as number);
      },
    );
  };

  if (!arena) return { histogram, partition: null, logisticGradients: null, close };

  const partition: Partitioner = (feature, start, end, goesLeft) => {
    const used = helpersFor(end - start, MIN_ROWS_PER_PART);
    if (used === 0) return arena.partition(feature, start, end, goesLeft);
    // The column's byte address goes through an Int32 control word: above 2 GiB it wraps to a
    // negative number with the same 32 bits, which is the same address to WebAssembly.
    arena.setGoesLeft(goesLeft);
    const lefts: number[] = [];
    const bounds = run(
      SPLIT_ROWS,
      start,
      end,
      used,
      arena.layout.byFeature + feature * arena.n,
      (s, e) => lefts.push(arena.splitRows(feature, s, e)),
      (w) => lefts.push(control[w * WORDS + 6] as number),
    );
    // Each part's lefts are in scratch and its rights in scratchRight, from the part's start: the
    // lefts of all parts in order, then the rights, is the same order one thread's partition makes.
    let at = start;
    lefts.forEach((l, p) => {
      arena.gatherRows(at, bounds[p] as number, l, false);
      at += l;
    });
    const mid = at;
    lefts.forEach((l, p) => {
      const s = bounds[p] as number;
      const r = (bounds[p + 1] as number) - s - l;
      arena.gatherRows(at, s, r, true);
      at += r;
    });
    return mid;
  };

  const logisticGradients = (n: number) => {
    const used = helpersFor(n, MIN_ROWS_PER_PART);
    if (used === 0) return alone?.(n);
    let maxG = 0;
    let maxH = 0;
    const maxima = ([g, h]: [number, number] | Float64Array) => {
      maxG = Math.max(maxG, g as number);
      maxH = Math.max(maxH, h as number);
    };
    run(
      GRADIENTS,
      0,
      n,
      used,
      0,
      (s, e) => {
        arena.logisticGradients(s, e);
        maxima(arena.gradientMaxima(s, e));
      },
      (w) => maxima(arena.helperNumbers[w] as Float64Array),
    );
    const gs = gridScale(maxG);
    const hs = gridScale(maxH);
    for (const numbers of arena.helperNumbers) numbers.set([gs, hs], 2);
    run(
      QUANTIZE,
      0,
      n,
      helpersFor(n, MIN_ROWS_PER_PART),
      0,
      (s, e) => arena.quantizeRange(s, e, gs, hs),
      () => {},
    );
  };

  return { histogram, partition, logisticGradients, close };

  async function close() {
    for (let w = 0; w < helpers; w++) {
      Atomics.store(control, w * WORDS, -1);
      Atomics.notify(control, w * WORDS);
    }
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
