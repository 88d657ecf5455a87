// Warming the learning engine in a process that waits for its job. V8 compiles the fitting code
// while it runs, so a process's first fit ran well below the speed of its next ones (flights, 200
// trees of depth 6: 4k rows 0.18–0.20 s in a fresh process, 0.07–0.09 s after these steps; 200k rows
// on 2 threads 1.3–1.8 s, 0.92–0.96 s after them). A training child started ahead of its job (the
// worker's training-children.ts) has nothing else to do until the job comes, so it runs these
// small fits meanwhile, one step at a time, and stops when the job arrives; last, it makes the
// memory for the job's fit. They share nothing with the job's fit but compiled code, idle helper
// threads and that memory (zeroed where a fit uses it): its model is the same bytes.
import { synthetic } from "./test-data.ts";
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
 * A many-thread step's data: a fit takes helper threads from 10,000 rows when its rows × features
 * are 700 times its histogram bins (parallel-fit.ts worthHelpers): 12,000 rows × 4 features in at
 * most 15 bins each do.
 */
export const PARALLEL_WARM_UP = { rows: 12_000, maxBins: 15 };
/**
 * The many-thread steps: the helpers' code and this thread's side of their jobs compile apart from
 * one thread's, and the second fit's closures are new ones, which V8 compiles again. Measured before
 * a 200k-row fit on 2 threads: one fit of 300 trees left it at 0.99–1.06 s, two of 100 at
 * 0.97–1.05 s, two of 150 at 0.92–0.96 s (then 0.82 s the fit after).
 */
const PARALLEL_FITS = 2;
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
        const train = synthetic(PARALLEL_WARM_UP.rows, "binary", 301);
        trainModel("gbdt", "binary", train, { numTrees: PARALLEL_TREES, maxDepth: 6, maxBins: PARALLEL_WARM_UP.maxBins, threads: used });
      },
    });
  // Last, so that no warm-up fit takes it: the job's fit finds its memory's pages already there.
  steps.push({ name: "memory for the job's fit", threads: 1, run: () => prepareFitMemory(FIT_MEMORY_BYTES) });
  return steps;
}
