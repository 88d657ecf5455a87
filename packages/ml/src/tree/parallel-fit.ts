// A fit on several threads: helper threads (fit-worker.js) take parts of the rows while this thread
// does the first part, then the parts are combined. Bins, gradients, scores and the row index live
// in shared memory (the fit arena's, or SharedArrayBuffers), so nothing is copied.
// With the arena, the row index is cut into one segment per thread, and every node keeps its rows
// in each segment (grow.ts): a thread builds its segment's part of a node's histogram (summed here)
// and partitions its segment in place, so its rows stay in its own cache and nothing is gathered
// here afterwards (gathering every partition on this thread left the helpers reading rows from this
// thread's cache: a 200k-row fit waited 37 µs per partition job for them). Rows are dealt to the
// segments in blocks, alternately, so a split on a sorted column (dates) does not put a child's rows
// all in one segment. Also in parallel, by rows: the logistic gradients and their quantizing. Small
// jobs stay on this thread: waking a helper costs microseconds. Every job gives the same bytes as on
// one thread: histograms of quantized gradients sum exactly in any order, and no split depends on
// the rows' order.
import { Worker } from "node:worker_threads";
import { gridScale } from "../gbdt/quantize.ts";
import type { BinnedRows, Binning } from "./binning.ts";
import type { FitArena } from "./fit-arena.ts";
import { buildHistogram, rowCount } from "./grow.ts";
import { compileHistogramKernel, fitKernelVariant, histogramKernelSource } from "./histogram-kernel.ts";

/** Least work per part worth a helper: rows × features for a histogram, rows for the rest. */
const MIN_CELLS_PER_PART = 16_384;
const MIN_ROWS_PER_PART = 4_096;
/** Rows are dealt to the threads' segments in blocks of this many. */
const SEGMENT_BLOCK = 4_096;
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
const PARTITION = 1;
const GRADIENTS = 2;
const QUANTIZE = 3;
const WORDS = 8; // job number, start, end, done, kind, argument, result, split done (a partition's first half)

/** Builds a histogram over one range of rows. */
export type RangeBuilder = (hist: Float64Array, start: number, end: number) => void;
/** Builds a node's histogram over its segments of rows ([start, end) pairs). */
export type HistogramBuilder = (hist: Float64Array, segments: number[]) => void;
/**
 * A node's partition (grow.ts): in each segment, rows whose bin of `feature` goes left first; the
 * children's segments are appended to `left` and `right`.
 */
export type Partitioner = (feature: number, segments: number[], goesLeft: Uint8Array, left: number[], right: number[]) => void;

export interface ParallelFit {
  histogram: HistogramBuilder;
  /** With the arena: a partition of each segment by its thread (null: grow.ts's own). */
  partition: Partitioner | null;
  /**
   * A round's root segments. With all n rows (`count` = n) the row index is laid out afresh
   * (dealt to the threads' segments); with a sample, the caller has listed the rows in
   * rows[0, count) and they are cut into even segments.
   */
  rootSegments: (count: number) => number[];
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
  const js: RangeBuilder = kernel
    ? (hist, start, end) => kernel(hist, data.bins, gh, rows, start, end)
    : (hist, start, end) => buildHistogram(hist, data, binning, gh, rows, start, end);
  // With an arena, histograms in it are built by its WebAssembly kernel, here and in the helpers.
  const single: RangeBuilder = arena ? (hist, start, end) => (arena.owns(hist) ? arena.histogram : js)(hist, start, end) : js;
  const alongSegments = (hist: Float64Array, segments: number[]) => {
    for (let i = 0; i < segments.length; i += 2) single(hist, segments[i] as number, segments[i + 1] as number);
  };
  const iota = (count: number) => {
    if (arena) arena.resetRows(count);
    else for (let i = 0; i < count; i++) rows[i] = i;
  };
  const oneSegment = (count: number) => {
    if (count === data.n) iota(count);
    return [0, count];
  };
  const alone = arena
    ? (n: number) => {
        arena.logisticGradients(0, n);
        arena.quantize(n);
      }
    : null;
  const helpers = Math.max(0, threads - 1);
  if (helpers === 0 || !(data.bins.buffer instanceof SharedArrayBuffer))
    return { histogram: alongSegments, partition: null, rootSegments: oneSegment, logisticGradients: alone, close: async () => {} };
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

  /** [start, end) cut into used + 1 parts at even row numbers (the gradient kernel pairs rows), as [start, end) pairs. */
  const evenParts = (start: number, end: number, used: number): number[] => {
    const chunk = Math.ceil((end - start) / (used + 1) / 2) * 2;
    const parts: number[] = [];
    for (let p = 0; p <= used; p++) parts.push(Math.min(end, start + chunk * p), p === used ? end : Math.min(end, start + chunk * (p + 1)));
    return parts;
  };

  /**
   * Gives parts 1.. (of `parts`, [start, end) pairs) to helpers 0.. and runs `here` on part 0; then,
   * per helper part in order, `done` on success or `failed` (redone on this thread) when the helper
   * failed or went silent.
   */
  const run = (
    kind: number,
    parts: number[],
    argument: number,
    here: (s: number, e: number) => void,
    done: (w: number, s: number, e: number) => void,
    failed: (w: number, s: number, e: number) => void = (_, s, e) => here(s, e),
  ): void => {
    seq++;
    const used = parts.length / 2 - 1;
    for (let w = 0; w < used; w++) {
      const c = w * WORDS;
      control[c + 1] = parts[2 * w + 2] as number;
      control[c + 2] = parts[2 * w + 3] as number;
      control[c + 4] = kind;
      control[c + 5] = argument;
      Atomics.store(control, c, seq);
      Atomics.notify(control, c);
    }
    here(parts[0] as number, parts[1] as number);
    for (let w = 0; w < used; w++) {
      const s = parts[2 * w + 2] as number;
      const e = parts[2 * w + 3] as number;
      if (waitFor(w)) done(w, s, e);
      else failed(w, s, e);
    }
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

  const addPart = (hist: Float64Array, w: number) => {
    const part = parts[w] as Float64Array;
    if (arena?.owns(hist)) arena.addInto(hist, part);
    else for (let i = 0; i < hist.length; i++) hist[i] = (hist[i] as number) + (part[i] as number);
  };
  /** One range split evenly over the threads (without the arena there is one segment). */
  const histogramOfRange = (hist: Float64Array, start: number, end: number) => {
    const used = helpersFor((end - start) * data.F, MIN_CELLS_PER_PART);
    if (used === 0) return single(hist, start, end);
    run(
      HISTOGRAM,
      evenParts(start, end, used),
      0,
      (s, e) => single(hist, s, e),
      (w) => addPart(hist, w),
    );
  };
  const histogram: HistogramBuilder = (hist, segments) => {
    if (segments.length === 2) return histogramOfRange(hist, segments[0] as number, segments[1] as number);
    // A segment per thread: each thread its own.
    if (helpersFor(rowCount(segments) * data.F, MIN_CELLS_PER_PART) < helpers) return alongSegments(hist, segments);
    run(
      HISTOGRAM,
      segments,
      0,
      (s, e) => single(hist, s, e),
      (w) => addPart(hist, w),
    );
  };

  if (!arena) return { histogram, partition: null, rootSegments: oneSegment, logisticGradients: null, close };

  // Every thread's segment: rows dealt to the threads in blocks, alternately, laid out once here and
  // copied in at each full round.
  const dealt = arena.dealRows(helpers + 1, SEGMENT_BLOCK);
  const rootSegments = (count: number) => {
    if (count === arena.n) {
      arena.restoreDealtRows();
      return dealt.slice();
    }
    return evenParts(0, count, helpers);
  };

  const partition: Partitioner = (feature, segments, goesLeft, left, right) => {
    const alone = helpersFor(rowCount(segments), MIN_ROWS_PER_PART) < helpers;
    if (alone) {
      for (let i = 0; i < segments.length; i += 2) {
        const s = segments[i] as number;
        const e = segments[i + 1] as number;
        const mid = arena.partition(feature, s, e, goesLeft);
        left.push(s, mid);
        right.push(mid, e);
      }
      return;
    }
    // The column's byte address goes through an Int32 control word: above 2 GiB it wraps to a
    // negative number with the same 32 bits, which is the same address to WebAssembly.
    arena.setGoesLeft(goesLeft);
    const mids: number[] = [];
    run(
      PARTITION,
      segments,
      arena.layout.byFeature + feature * arena.n,
      (s, e) => mids.push(arena.partition(feature, s, e, null)),
      (w, s) => mids.push(s + (control[w * WORDS + 6] as number)),
      (w, s, e) => {
        // A helper that failed after splitting its segment into scratch has its copy back redone;
        // one that failed before has left the segment as it was, and it is partitioned here.
        if (control[w * WORDS + 7] === seq) mids.push(s + arena.copyBack(s, e, control[w * WORDS + 6] as number));
        else mids.push(arena.partition(feature, s, e, null));
      },
    );
    for (let t = 0; t < mids.length; t++) {
      left.push(segments[2 * t] as number, mids[t] as number);
      right.push(mids[t] as number, segments[2 * t + 1] as number);
    }
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
      evenParts(0, n, used),
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
      evenParts(0, n, helpersFor(n, MIN_ROWS_PER_PART)),
      0,
      (s, e) => arena.quantizeRange(s, e, gs, hs),
      () => {},
    );
  };

  return { histogram, partition, rootSegments, logisticGradients, close };

  async function close() {
    for (let w = 0; w < helpers; w++) {
      Atomics.store(control, w * WORDS, -1);
      Atomics.notify(control, w * WORDS);
    }
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
