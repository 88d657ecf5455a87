// A fit on several threads: helper threads (fit-worker.js) take parts of the rows while this thread
// does the first part, then the parts are combined. Bins, gradients, scores and the row index live
// in shared memory (the fit arena's, or SharedArrayBuffers), so nothing is copied.
// With the arena, the row index is cut into one segment per thread, and every node keeps its rows
// in each segment (grow.ts): a thread builds its segment's part of a node's histogram (summed here)
// and partitions its segment in place, so its rows stay in its own cache and nothing is gathered
// here afterwards (gathering every partition on this thread left the helpers reading rows from this
// thread's cache: a 200k-row fit waited 37 µs per partition job for them). Rows are dealt to the
// segments in blocks, alternately, so a split on a sorted column (dates) does not put a child's rows
// all in one segment. Also in parallel, by rows: the gradients (quantized in the same pass) and a
// multiclass round's class probabilities. Small jobs stay on this thread: waking a helper costs microseconds. Every job gives the
// same bytes as on one thread: histograms of quantized gradients sum exactly in any order, and no
// split depends on the rows' order.
import type { Dataset } from "../dataset.ts";
import { type BinnedRows, type Binning, fitBinning } from "./binning.ts";
import { type HistogramSource, unbundled } from "./feature-bundles.ts";
import { FEATURE_SHARED_FEATURES, featureHistograms } from "./feature-histograms.ts";
import type { FitArena, GradientPass } from "./fit-arena.ts";
import { returnHelper, takeHelper } from "./fit-helpers.ts";
import { type HistogramTask, MAX_NODE_BATCH, rowCount } from "./grow.ts";
import { helpersPaying } from "./helpers-paying.ts";
import { buildHistogram, compileHistogramKernel, fitKernelVariant, histogramKernelSource } from "./histogram-kernel.ts";
import type { Partitioner } from "./partition.ts";
import { partitionJobs } from "./partition-jobs.ts";
import {
  type AddLeafValues,
  type AddSplitValues,
  LEAF_CAPACITY,
  leafBuffers,
  leavesAlone,
  scoreUpdates,
  splitsAlone,
} from "./score-update-jobs.ts";
import type { ParallelSplitFinder } from "./split-finder.ts";
import { splitJobs } from "./split-jobs.ts";

/** Least work per part worth a helper: rows × features for a histogram, rows for the rest. */
const MIN_CELLS_PER_PART = 16_384;
const MIN_ROWS_PER_PART = 4_096;
/**
 * Rows are dealt to the threads' segments in blocks of this many, or smaller: at least
 * BLOCKS_PER_THREAD each, so that the last, partial round of blocks leaves the segments even (20k
 * rows in blocks of 4,096 gave this thread 59% of them, and the helper waited).
 */
const SEGMENT_BLOCK = 4_096;
const BLOCKS_PER_THREAD = 16;
/**
 * A narrow fit takes helpers when its rows × features are this many times its histogram bins: a
 * row's work (histograms, partition) is shared, a node's (summing the threads' histogram parts,
 * split finding over every bin) is not. Measured on this 2-core machine, 2 threads against 1 (warm):
 * flights, 6 features and 750 bins, 50k rows 0.83× as fast (cells 404 × bins), 70k 0.97× (565),
 * 100k 1.06–1.13× (800), 150k 1.25× (1,190), 200k 1.31×; 4 features with a 5,000-category one,
 * 80k rows 0.69× (58) and 200k 0.93× (145); 40k × 8 (regression) lost (160). A flat 50,000 rows
 * took helpers for all of those that lost.
 */
const MIN_CELLS_PER_BIN = 700;
/**
 * Fewer rows take helpers when each tree has this many rows × features to build histograms of, from
 * MIN_SMALL_ROWS rows: a level's jobs are then long against the waits between them. A job's warmed
 * 2-thread fit against 1 thread (medians of 4–6 turns, docs/performance-history.md): 12.8k × 80
 * 1.06 s against 1.43 s, 48k × 40 1.26 against 1.75 s, 120k × 12 0.98 against 1.16 s; below 1M the
 * gain vanished into this machine's ±30%. Many classes (a tree per class each round) do not make a
 * level's jobs longer (12k × 20, 13 classes: 3.0–6.3 s on 2 threads, 3.4–3.7 s on 1): not counted.
 */
const MIN_CELLS_FOR_HELPERS = 1_000_000;
/** Fewer rows than this fit on this thread alone: a 20k-row fit on two threads took 0.23 s against 0.19 s on one. */
const MIN_SMALL_ROWS = 10_000;

/** Whether a fit of n rows × F features, binned into totalBins histogram bins, is worth helper threads. */
export const worthHelpers = (n: number, F: number, totalBins: number) =>
  n >= MIN_SMALL_ROWS && (n * F >= MIN_CELLS_FOR_HELPERS || n * F >= MIN_CELLS_PER_BIN * totalBins);
/** Whether a GBDT fit of these rows, in at most maxBins bins per feature, takes helper threads (for reports). */
export const takesHelpers = (data: Dataset, maxBins: number) =>
  worthHelpers(data.rows, data.features.length, fitBinning(data, maxBins).totalBins);
/** Whether a fit of n rows × F features might take helpers, before its bins are known (to start them early). */
export const mayTakeHelpers = (n: number) => n >= MIN_SMALL_ROWS;
/** A part takes milliseconds; a helper silent this long is stuck, and the fit must not wait forever. */
const HELPER_DEADLINE_MS = 10_000;
/**
 * How long a thread spins on a control word before it sleeps (the helpers are given the same). With
 * 0.5 ms a helper was asleep for one round's gradient job in two and a wake-up cost 100–300 µs; 2 ms
 * spans the gaps between a round's jobs (a 200k-row fit waited 20% less for its helper). On this
 * 2-core machine a 200k-row fit still had about 35 gaps of 2 to 5 ms between a helper's jobs (the
 * main thread descheduled or collecting garbage), and a helper asleep through one answered its next
 * job 1–1.5 ms late; with 5 ms it slept about once per fit, and the main thread waited a third less
 * for partitions.
 */
const SPIN_MS = 5;
// Job kinds and control words per helper, as fit-worker.js reads them (the others are in
// partition-jobs.ts, score-update-jobs.ts, split-jobs.ts and feature-histograms.ts).
const HISTOGRAM = 0;
const GRADIENTS = 2;
const HISTOGRAMS = 3;
// Job number, start, end, done, kind, argument (a batch's node count), a batched partition's nodes
// done, and the node whose rows are split into scratch but not yet copied back (its place + 1).
const WORDS = 8;
/** A batch job's four words per node and helper: see the jobs in fit-worker.js. */
const TASK_WORDS = 4;

/** Builds a histogram over one range of rows. */
export type RangeBuilder = (hist: Float64Array, start: number, end: number) => void;

export interface ParallelFit {
  /** A batch of nodes' histograms (grow.ts): with the arena, each thread its segment of every node. */
  histograms: (tasks: HistogramTask[]) => void;
  /** With the arena: a batch of nodes partitioned, each segment by its thread (null: grow.ts's own). */
  partition: Partitioner | null;
  /** With the arena: a batch's splits found, the features shared among the threads (null: one by one). */
  splits: ParallelSplitFinder | null;
  /**
   * A round's root segments. With all n rows (`count` = n) the row index is laid out afresh
   * (dealt to the threads' segments); with a sample, the caller has listed the rows in
   * rows[0, count) and they are cut into even segments.
   */
  rootSegments: (count: number) => number[];
  /**
   * With the arena: a gradient pass over rows 0..n-1, cut by rows over the threads; the largest |g|
   * and h (null without an arena).
   */
  gradients: ((pass: GradientPass, n: number) => [maxG: number, maxH: number]) | null;
  /**
   * With the arena, after a tree on all rows: adds each leaf's value to output k of the scores of
   * its rows (grow.ts's leafRanges), each thread over its segment.
   */
  addLeafValues: AddLeafValues | null;
  /**
   * With the arena, after a tree on all rows: adds each kept last split's two leaf values to output k
   * of the scores of its rows, unpartitioned (grow.ts keepLastSplits), each thread over its segment.
   */
  addSplitValues: AddSplitValues | null;
  /** Ends the fit for the helpers; false if one had to be stopped (it may still be writing to the fit's memory). */
  close: () => boolean;
  /** Trees grown on this thread alone because the helpers did not pay then (helpersPaying). */
  treesAlone: () => number;
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
  columns: HistogramSource = unbundled(data, binning),
  { judgeHelpers = true } = {},
): ParallelFit {
  // Histograms are built from `columns` (with bundles, feature-bundles.ts; grow.ts restores them).
  const source = fitKernelVariant() !== "reference" ? histogramKernelSource(columns.offset, columns.F) : null;
  const kernel = source ? compileHistogramKernel(source) : null;
  const js: RangeBuilder = kernel
    ? (hist, start, end) => kernel(hist, columns.bins, gh, rows, start, end)
    : (hist, start, end) => buildHistogram(hist, columns, columns, gh, rows, start, end);
  // With an arena, histograms in it are built by its WebAssembly kernel, here and in the helpers.
  const single: RangeBuilder = arena ? (hist, start, end) => (arena.owns(hist) ? arena.histogram : js)(hist, start, end) : js;
  const alongSegments = (hist: Float64Array, segments: number[]) => {
    for (let i = 0; i < segments.length; i += 2) single(hist, segments[i] as number, segments[i + 1] as number);
  };
  const zero = (hist: Float64Array) => (arena?.owns(hist) ? arena.clear(hist) : hist.fill(0));
  const eachAlone = (tasks: HistogramTask[]) => {
    for (const { hist, segments } of tasks) alongSegments(hist, segments);
  };
  /** Each task's histogram zeroed and built on this thread (HistogramTask: the builder zeroes). */
  const zeroedAlone = (tasks: HistogramTask[]) => {
    for (const { hist } of tasks) zero(hist);
    eachAlone(tasks);
  };
  const iota = (count: number) => {
    if (arena) arena.resetRows(count);
    else for (let i = 0; i < count; i++) rows[i] = i;
  };
  // Whether the helpers pay (judged as trees begin, so oneSegment's fits judge too).
  const paying = helpersPaying(judgeHelpers);
  const oneSegment = (count: number) => {
    paying.treeBegins();
    if (count === data.n) iota(count);
    return [0, count];
  };
  const alone = arena ? (pass: GradientPass, n: number) => arena.gradients(pass, 0, n) : null;
  const helpers = Math.max(0, threads - 1);
  if (helpers === 0 || !(columns.bins.buffer instanceof SharedArrayBuffer))
    return {
      histograms: zeroedAlone,
      partition: null,
      splits: null,
      rootSegments: oneSegment,
      gradients: alone,
      addLeafValues: arena ? leavesAlone(arena) : null,
      addSplitValues: arena ? splitsAlone(arena) : null,
      close: () => true,
      treesAlone: () => 0,
    };
  const control = new Int32Array(new SharedArrayBuffer(helpers * WORDS * 4));
  // Each helper sets its word once it is running. Until all have, this thread works alone: a
  // helper still loading its module may need this thread's event loop (module loader hooks such
  // as tsx's run through it), and waiting on it from here would then never end.
  const ready = new Int32Array(new SharedArrayBuffer(helpers * 4));
  let allReady = false;
  const offset = new Uint32Array(new SharedArrayBuffer(columns.offset.length * 4));
  offset.set(columns.offset);
  // Each helper's histogram for a part of one range (the first of its batch's, with the arena).
  const parts =
    arena?.parts.map((own) => own[0] as Float64Array) ??
    Array.from({ length: helpers }, () => new Float64Array(new SharedArrayBuffer(binning.totalBins * 2 * 8)));
  // A batch job's nodes, per helper: its segment of each and where its answer goes (TASK_WORDS each).
  const tasks = new Int32Array(new SharedArrayBuffer(helpers * MAX_NODE_BATCH * TASK_WORDS * 4));
  const taskAt = (w: number, i: number) => (w * MAX_NODE_BATCH + i) * TASK_WORDS;
  // A tree's leaf ranges in each helper's segment, [start, end) pairs, and their values.
  const leaves = leafBuffers(helpers);
  const fault = process.env.ROUNDHOUSE_FIT_HELPER_FAULT;
  const workers = parts.map((hist, index) => {
    const helper = takeHelper();
    helper.worker.postMessage({
      ...{ index, control, tasks, ...leaves, leafCapacity: LEAF_CAPACITY, ready, spinMs: SPIN_MS },
      ...{ bins: columns.bins, F: columns.F, gh, rows, offset, hist, source, fault },
      // The arena's kernels, memory and layout, and this helper's scratch for the kernels.
      arena: arena && {
        module: arena.module,
        memory: arena.memory,
        layout: arena.layout,
        n: arena.n,
        scratch: arena.scratchOf(index + 1),
      },
    });
    return helper;
  });
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
  // deadline above: it says so here (see spawnHelper), and this fit goes on alone.
  workers.forEach((helper, w) => {
    helper.onStop = () => {
      broken = true;
    };
    helper.index = w;
  });

  /** How many helpers a job of this much work gets (0: this thread alone). */
  const helpersFor = (work: number, minPerPart: number) => {
    if (broken || paying.resting) return 0;
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

  /** Hands a job of this kind to helpers 0..used-1, each set up by `setUp(w, control word base)`. */
  const begin = (kind: number, used: number, setUp: (w: number, c: number) => void) => {
    seq++;
    paying.began();
    for (let w = 0; w < used; w++) {
      const c = w * WORDS;
      setUp(w, c);
      control[c + 4] = kind;
      control[c + 6] = 0;
      control[c + 7] = 0;
      Atomics.store(control, c, seq);
      Atomics.notify(control, c);
    }
  };
  /** Per helper in order, `done` once it has finished its job, or `failed` when it failed or went silent. */
  const finish = (used: number, done: (w: number) => void, failed: (w: number) => void) => {
    paying.waiting();
    for (let w = 0; w < used; w++) {
      if (waitFor(w)) done(w);
      else failed(w);
    }
    paying.answered();
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
    const used = parts.length / 2 - 1;
    begin(kind, used, (w, c) => {
      control[c + 1] = parts[2 * w + 2] as number;
      control[c + 2] = parts[2 * w + 3] as number;
      control[c + 5] = argument;
    });
    here(parts[0] as number, parts[1] as number);
    finish(
      used,
      (w) => done(w, parts[2 * w + 2] as number, parts[2 * w + 3] as number),
      (w) => failed(w, parts[2 * w + 2] as number, parts[2 * w + 3] as number),
    );
  };

  /**
   * Helper w's control word once it has answered (seq, or -1 for a failed job), or the deadline has
   * passed. Spins first: a part ends within microseconds of this thread's, and sleeping on the futex
   * costs a wake-up of tens of microseconds on a virtual machine; then sleeps until the helper answers
   * or the deadline. The clock is read every 256 turns (as in fit-worker.js: a clock read allocates
   * until the loop is optimized), from the first turn on, and the sleep is a call made on every such
   * turn (for 0 ms while spinning), its time computed on every turn too. V8 compiles this loop on
   * stack replacement (OSR) and keeps that code: an operation in it that had never run when it was
   * compiled (the sleep's time, the spin's end) deoptimized it every time it was reached, dozens to
   * hundreds of times per 200k-row fit. So the loop has nothing that runs only sometimes but its exits.
   */
  const answerOf = (c: number): number => {
    let state = Atomics.load(control, c + 3);
    const now = performance.now();
    const spinUntil = now + SPIN_MS;
    const deadline = now + HELPER_DEADLINE_MS;
    for (let turn = 1; state !== seq && state !== -1; turn++) {
      if ((turn & 255) === 1) {
        const t = performance.now();
        if (t >= deadline) return state;
        Atomics.wait(control, c + 3, state, (deadline - t) * Number(t >= spinUntil));
      }
      state = Atomics.load(control, c + 3);
    }
    return state;
  };

  /** Waits for helper w's current job; false (and alone from now on) when it failed or went silent. */
  const waitFor = (w: number): boolean => {
    const state = answerOf(w * WORDS);
    if (state === seq) return true;
    // The helper failed (it printed its error) or stopped answering: its part is redone here, so the
    // model is the same, and it is stopped so that a late answer cannot write over anything.
    const what = state === -1 ? "failed" : `did not answer in ${HELPER_DEADLINE_MS / 1000} s`;
    console.error(`roundhouse: fit helper thread ${w} ${what}; going on with one thread`);
    broken = true;
    workers[w]?.stop();
    return false;
  };

  const addPart = (hist: Float64Array, w: number) => {
    const part = parts[w] as Float64Array;
    if (arena?.owns(hist)) arena.addInto(hist, part);
    else for (let i = 0; i < hist.length; i++) hist[i] = (hist[i] as number) + (part[i] as number);
  };
  /** One range split evenly over the threads (without the arena there is one segment). */
  const histogramOfRange = (hist: Float64Array, start: number, end: number) => {
    const used = helpersFor((end - start) * columns.F, MIN_CELLS_PER_PART);
    if (used === 0) return single(hist, start, end);
    run(
      HISTOGRAM,
      evenParts(start, end, used),
      0,
      (s, e) => single(hist, s, e),
      (w) => addPart(hist, w),
    );
  };
  const helperJobs = { helpers, control, words: WORDS, tasks, taskAt, helpersFor, begin, finish };
  const byFeature = arena ? featureHistograms(helperJobs, arena, columns.F, MIN_CELLS_PER_PART, zeroedAlone) : null;

  /**
   * A batch's histograms. One range each (no arena): each range split over the threads. A segment
   * per thread (the arena): one job for the whole batch, each helper building its segment of every
   * node into a histogram of its own, added here.
   */
  const histograms = (batch: HistogramTask[]) => {
    if (byFeature && columns.F >= FEATURE_SHARED_FEATURES && batch.every((t) => arena?.owns(t.hist) && t.segments.length > 2))
      return byFeature(batch);
    builtByRows(batch);
  };
  /** The batch's histograms, zeroed and built, shared among the threads by rows. */
  const builtByRows = (batch: HistogramTask[]) => {
    if (!arena || batch.some((t) => t.segments.length === 2)) {
      for (const { hist, segments } of batch) {
        zero(hist);
        if (segments.length === 2) histogramOfRange(hist, segments[0] as number, segments[1] as number);
        else alongSegments(hist, segments);
      }
      return;
    }
    // A batch of small nodes builds both children of each (grow.ts), up to twice the histograms a
    // helper has parts for: it goes in turns.
    const room = arena.parts[0]?.length ?? 0;
    if (batch.length > room) {
      for (let i = 0; i < batch.length; i += room) builtByRows(batch.slice(i, i + room));
      return;
    }
    let cells = 0;
    for (const t of batch) cells += rowCount(t.segments) * columns.F;
    // A node whose histogram did not fit in the arena (its slots taken) is not built by helpers.
    if (helpersFor(cells, MIN_CELLS_PER_PART) < helpers || batch.some((t) => !arena.owns(t.hist))) return zeroedAlone(batch);
    begin(HISTOGRAMS, helpers, (w, c) => {
      control[c + 5] = batch.length;
      batch.forEach(({ segments }, i) => {
        const t = taskAt(w, i);
        tasks[t] = segments[2 * w + 2] as number;
        tasks[t + 1] = segments[2 * w + 3] as number;
        tasks[t + 2] = ((arena.parts[w] as Float64Array[])[i] as Float64Array).byteOffset;
      });
    });
    // This thread zeroes its histograms while the helpers build theirs (each zeroes its own parts).
    for (const { hist, segments } of batch) single(zero(hist), segments[0] as number, segments[1] as number);
    finish(
      helpers,
      (w) => {
        batch.forEach(({ hist, segments }, i) => {
          if ((segments[2 * w + 3] as number) > (segments[2 * w + 2] as number)) arena.addInto(hist, arena.parts[w]?.[i] as Float64Array);
        });
      },
      (w) => {
        for (const { hist, segments } of batch) single(hist, segments[2 * w + 2] as number, segments[2 * w + 3] as number);
      },
    );
  };

  if (!arena)
    return {
      histograms,
      partition: null,
      splits: null,
      rootSegments: oneSegment,
      gradients: null,
      addLeafValues: null,
      addSplitValues: null,
      close,
      treesAlone: paying.treesAlone,
    };

  // Every thread's segment: rows dealt to the threads in blocks, alternately, laid out once here and
  // copied in at each full round.
  const dealt = arena.dealRows(helpers + 1, Math.min(SEGMENT_BLOCK, Math.ceil(data.n / (helpers + 1) / BLOCKS_PER_THREAD)));
  const rootSegments = (count: number) => {
    paying.treeBegins();
    if (count === arena.n) {
      arena.restoreDealtRows();
      return dealt.slice();
    }
    return evenParts(0, count, helpers);
  };

  const partition = partitionJobs(helperJobs, arena, MIN_ROWS_PER_PART);

  const gradients = (pass: GradientPass, n: number): [number, number] => {
    const used = helpersFor(n, MIN_ROWS_PER_PART);
    if (used === 0) return arena.gradients(pass, 0, n);
    const largest: [number, number] = [0, 0];
    const include = ([g, h]: [number, number] | Float64Array) => {
      largest[0] = Math.max(largest[0], g as number);
      largest[1] = Math.max(largest[1], h as number);
    };
    for (const numbers of arena.helperNumbers) arena.describePass(pass, numbers);
    run(
      GRADIENTS,
      evenParts(0, n, used),
      0,
      (s, e) => include(arena.gradients(pass, s, e)),
      (w) => include(arena.helperNumbers[w] as Float64Array),
    );
    return largest;
  };

  const { addLeafValues, addSplitValues } = scoreUpdates(helperJobs, leaves, arena, dealt, MIN_ROWS_PER_PART);
  const splits = splitJobs(helperJobs, arena, binning);
  return { histograms, partition, splits, rootSegments, gradients, addLeafValues, addSplitValues, close, treesAlone: paying.treesAlone };

  function close() {
    for (let w = 0; w < helpers; w++) {
      Atomics.store(control, w * WORDS, -1);
      Atomics.notify(control, w * WORDS);
    }
    // Helpers that served this fit well wait for the next; one that failed or went silent is stopped.
    for (const helper of workers) {
      helper.onStop = null;
      if (broken) helper.stop();
      else returnHelper(helper);
    }
    return !broken;
  }
}
