// Warming the learning engine in a process that waits for its job. V8 compiles the fitting code
// while it runs, so a process's first fit ran well below the speed of its next ones (flights, 200
// trees of depth 6: 4k rows 0.18–0.20 s in a fresh process, 0.07–0.09 s after these steps; 200k rows
// on 2 threads 1.3–1.8 s, 0.83–1.1 s after them, medians 0.87–0.91 s). A training child started
// ahead of its job (the worker's training-children.ts) has nothing else to do until the job comes,
// so it runs these small fits meanwhile, one step at a time, and stops when the job arrives; last,
// it makes the memory for the job's fit. They share nothing with the job's fit but compiled code,
// idle helper threads and that memory (zeroed where a fit uses it): its model is the same bytes.
import { synthetic, syntheticTable } from "./test-data.ts";
import { evaluate, trainModel } from "./train-model.ts";
import { prepareFitMemory } from "./tree/fit-arena.ts";
import { fitThreads } from "./tree/fit-helpers.ts";

export interface WarmUpStep {
  /** What the step fits, for the job's log. */
  name: string;
  /** The threads it fits on (the cores it keeps busy). */
  threads: number;
  run: () => void;
}

/** Rows of a one-thread step: 30 trees of them got every loop of a fit compiled (0.07–0.11 s a step). */
const ROWS = 3_000;
/**
 * A many-thread step's data, shaped like a user's table (syntheticTable): 6 numeric columns in up to
 * 63 bins and 2 categorical ones of 64 categories. Each of its fits hands the helpers every kind of
 * job a narrow table's fit does (histograms, partitions, gradients, splits, score updates; not the
 * by-feature histograms of a wide one, feature-histograms.ts): a fit takes helper threads when its
 * rows × features are 700 times its histogram bins (parallel-fit.ts worthHelpers), and splits go to
 * them when a batch's candidate bins are many (split-jobs.ts).
 * The steps before (12,000 rows of `synthetic`, 4 columns in 15 bins) never gave them a split, and
 * their fits grew most trees alone (helpers-paying.ts), so they warmed little of the helpers' code.
 */
export const PARALLEL_WARM_UP = { rows: 50_000, maxBins: 63, shape: { numeric: 6, categorical: 2, levels: 64 } };
/**
 * The many-thread steps, each on every thread however slow the helpers are at first (keepHelpers):
 * the helpers' code and this thread's side of their jobs compile apart from one thread's, and
 * each fit's closures are new ones, which V8 may compile again. Measured on a job's fit of 200k
 * flights rows on 2 threads (bench/job-fit.ts, six runs each, medians; the same hour): 1.02 s
 * after the old steps (two fits of the old data), 1.24 s after two of these, 0.87 s and 0.91 s
 * after four, 0.90 s after six; four fits of the old data 0.97 s. V8 compiled 44–135 ms of code
 * during the job's fit after four of these steps (`--trace-opt`), 217–245 ms after the old ones:
 * work that takes a core from the fit's two threads.
 */
const PARALLEL_FITS = 4;
const PARALLEL_TREES = 150;

/**
 * The memory a job's fit finds ready (fit-arena.ts prepareFitMemory): the first write to each page
 * of a new memory costs about 10 µs on this machine kind, and a fit's arena is written all over.
 * 64 MB holds the arena of a fit of about 850,000 rows of 6 features (200,000 rows: 14 MB, whose
 * fit on 2 threads then took 2,000–3,300 fewer page faults, 4,200–5,000 before); the process
 * keeps it until the job ends, beside a heap of up to the job's memory (2 GB by default).
 */
const FIT_MEMORY_BYTES = 64 * 1024 * 1024;

/**
 * The steps, in order: a GBDT fit per task, each with a validation set (early stopping's path) and
 * scored on it afterwards (evaluation's); then, for a job on more than one thread, the fits on its
 * threads; then the memory for the job's fit.
 */
export function warmUpSteps(threads: number): WarmUpStep[] {
  const tasks = ["binary", "regression", "multiclass"] as const;
  const steps: WarmUpStep[] = tasks.map((task, i) => ({
    name: `gbdt ${task}`,
    threads: 1,
    run: () => {
      const valid = synthetic(ROWS / 4, task, 201 + i);
      const model = trainModel(
        "gbdt",
        task,
        synthetic(ROWS, task, 101 + i),
        { numTrees: 30, maxDepth: 6, earlyStoppingRounds: 30 },
        { valid },
      );
      evaluate(model, valid);
    },
  }));
  const used = fitThreads(threads);
  for (let i = 0; used > 1 && i < PARALLEL_FITS; i++)
    steps.push({
      name: `gbdt binary on ${used} threads`,
      threads: used,
      run: () => {
        const train = syntheticTable(PARALLEL_WARM_UP.rows, PARALLEL_WARM_UP.shape, 301);
        trainModel(
          "gbdt",
          "binary",
          train,
          { numTrees: PARALLEL_TREES, maxDepth: 6, maxBins: PARALLEL_WARM_UP.maxBins, threads: used },
          { keepHelpers: true },
        );
      },
    });
  // Last, so that no warm-up fit takes it: the job's fit finds its memory's pages already there.
  steps.push({ name: "memory for the job's fit", threads: 1, run: () => prepareFitMemory(FIT_MEMORY_BYTES) });
  return steps;
}
