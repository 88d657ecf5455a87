// A wide batch's histograms as jobs for parallel-fit.ts's helper threads, shared by features: each
// thread adds every row of each node to its own features' bins, straight into the node's histogram,
// and zeroes those bins first (fit-worker.js runs the helpers' part). Shared by rows, each helper's
// part (2 MB at 500 features) had to be zeroed and added up on the main thread alone: with 20k rows
// × 500 features two threads were no faster than one. Sums of quantized gradients are exact in any
// order, so the histograms are the same either way.
import type { FitArena } from "./fit-arena.ts";
import { type HistogramTask, MAX_NODE_BATCH, rowCount } from "./grow.ts";
import type { HelperJobs } from "./score-update-jobs.ts";

/** The job kind, as fit-worker.js numbers it. */
export const HISTOGRAM_FEATURES = 7;
/** From this many features a batch's histograms are shared by features, not rows. */
export const FEATURE_SHARED_FEATURES = 64;

/**
 * Builds a batch of wide nodes' histograms (zeroing them) on all threads, or with `alone` when the
 * batch is too small for parts of `minCellsPerPart` rows × features. Nodes go in turns of at most
 * MAX_NODE_BATCH row ranges, a node's ranges in one turn, so a helper that fails has its features of
 * those nodes zeroed and built again here.
 */
export function featureHistograms(
  jobs: HelperJobs,
  arena: FitArena,
  F: number,
  minCellsPerPart: number,
  alone: (batch: HistogramTask[]) => void,
): (batch: HistogramTask[]) => void {
  const { helpers, control, tasks } = jobs;
  // Each thread's features: [cuts[t], cuts[t + 1]), eight at a time as the kernel adds them.
  const cuts = Array.from({ length: helpers + 2 }, (_, t) => Math.min(F, Math.round((F * t) / (helpers + 1) / 8) * 8));
  cuts[helpers + 1] = F;
  const build = (turn: HistogramTask[], ranges: [Float64Array, number, number][], from: number, to: number) => {
    for (const { hist } of turn) arena.clearFeatures(hist, from, to);
    for (const [hist, start, end] of ranges) arena.histogramFeatures(hist, start, end, from, to);
  };
  return (batch) => {
    let cells = 0;
    for (const t of batch) cells += rowCount(t.segments) * F;
    if (jobs.helpersFor(cells, minCellsPerPart) < helpers) return alone(batch);
    for (let first = 0; first < batch.length; ) {
      const turn: HistogramTask[] = [];
      const ranges: [Float64Array, number, number][] = [];
      for (; first < batch.length; first++) {
        const { hist, segments } = batch[first] as HistogramTask;
        if (ranges.length + segments.length / 2 > MAX_NODE_BATCH) break;
        turn.push(batch[first] as HistogramTask);
        for (let i = 0; i < segments.length; i += 2) ranges.push([hist, segments[i] as number, segments[i + 1] as number]);
      }
      jobs.begin(HISTOGRAM_FEATURES, helpers, (w, c) => {
        control[c + 1] = cuts[w + 1] as number;
        control[c + 2] = cuts[w + 2] as number;
        control[c + 5] = ranges.length;
        ranges.forEach(([hist, start, end], i) => {
          const t = jobs.taskAt(w, i);
          tasks[t] = hist.byteOffset;
          tasks[t + 1] = start;
          tasks[t + 2] = end;
          // A node's first range: its histogram's size, for the helper to zero its features of it first.
          tasks[t + 3] = i === 0 || ranges[i - 1]?.[0] !== hist ? hist.byteLength : 0;
        });
      });
      build(turn, ranges, 0, cuts[1] as number);
      jobs.finish(
        helpers,
        () => {},
        (w) => build(turn, ranges, cuts[w + 1] as number, cuts[w + 2] as number),
      );
    }
  };
}
