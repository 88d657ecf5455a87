// Split finding as jobs for parallel-fit.ts's helper threads: each node of a batch is searched over
// every candidate feature, the features shared among the threads (this thread the first part, the
// helpers the next ones, cut by bins); fit-worker.js runs the helpers' parts. A wide dataset spent
// a third of a 2-thread fit here on one thread (500 features: 255 bins each, per node). The parts
// are merged in feature order, a later part's split kept only when it gains strictly more: what one
// scan in that order keeps, so the splits are split-finder.ts's, to the bit.
import type { Binning } from "./binning.ts";
import { NO_CATEGORY_REGULARIZATION } from "./categorical-split.ts";
import type { FitArena } from "./fit-arena.ts";
import { MAX_NODE_BATCH } from "./grow.ts";
import type { HelperJobs } from "./score-update-jobs.ts";
import { type ParallelSplitFinder, type Split, type SplitNode, splitFrom } from "./split-finder.ts";

/** The job kind, as fit-worker.js numbers it. */
export const SPLITS = 6;
/** Nodes per job: a batch's children (grow.ts: up to MAX_NODE_BATCH splits, two children each). */
export const MAX_SPLIT_NODES = 2 * MAX_NODE_BATCH;
/** The job's numbers: l2, minH, minGain, smooth, categoryL2, minCategoryHessian, groupRows, maxCategories; then per node NODE_NUMBERS. */
export const SPLIT_PARAMS = 8;
/** A node's histogram (byte offset), gradient and hessian sums, parent score and rows. */
export const NODE_NUMBERS = 5;
/** A helper's result per node: bestSplit's 7 numbers, then the feature found or −1. */
export const SPLIT_RESULT = 8;
/**
 * Least bins per part worth a helper: bestSplit takes about 2.5 ns a bin, a job's hand-over some
 * microseconds. (A categorical feature's bins count CATEGORICAL_WEIGHT times: its categories are sorted.)
 */
const MIN_BINS_PER_PART = 8_192;
const CATEGORICAL_WEIGHT = 3;

export function splitJobs(jobs: HelperJobs, arena: FitArena, binning: Binning): ParallelSplitFinder {
  const { helpers, control, words } = jobs;
  const { splitJobs: numbers, splitResults: results, splitBins: bins } = arena;
  const maxBins = arena.layout.maxBins;
  // The candidates' parts (cuts[t] to cuts[t + 1] for thread t, this one first), kept per list.
  let listed: number[] | null = null;
  let cuts: number[] = [];
  let weight = 0;
  const cutFor = (allowed: number[]) => {
    listed = allowed;
    const weights = allowed.map((f) => (binning.splitBins[f] as number) * (binning.categorical[f] ? CATEGORICAL_WEIGHT : 1));
    weight = weights.reduce((a, b) => a + b, 0);
    cuts = [0];
    let sum = 0;
    for (let c = 0; c < allowed.length; c++) {
      sum += weights[c] as number;
      if (sum * (helpers + 1) >= weight * cuts.length && cuts.length <= helpers) cuts.push(c + 1);
    }
    while (cuts.length <= helpers + 1) cuts.push(allowed.length);
  };

  const find: ParallelSplitFinder = (nodes, allowed, parents, minH, p) => {
    if (allowed !== listed) cutFor(allowed);
    if (jobs.helpersFor(nodes.length * weight, MIN_BINS_PER_PART) < helpers) return null;
    const cat = p.categories ?? NO_CATEGORY_REGULARIZATION;
    const search = (i: number, from: number, to: number) => {
      const { hist, g, h, count } = nodes[i] as SplitNode;
      return arena.bestSplitPart(hist, from, to, g, h, count, p.l2, minH, parents[i] as number, p.minSplitGain, cat);
    };
    const found: (Split | null)[] = [];
    /** Thread part t's split for node i, kept when it gains more than the parts before it. */
    const merge = (i: number, split: Split) => {
      const best = found[i];
      if (!best || split.gain > best.gain) found[i] = split;
    };
    numbers.set([p.l2, minH, p.minSplitGain, cat.smooth, cat.categoryL2, cat.minCategoryHessian, cat.groupRows, cat.maxCategories]);
    nodes.forEach(({ hist, g, h, count }, i) => {
      numbers.set([hist.byteOffset, g, h, parents[i] as number, count], SPLIT_PARAMS + i * NODE_NUMBERS);
    });
    jobs.begin(SPLITS, helpers, (w, c) => {
      control[c + 1] = cuts[w + 1] as number;
      control[c + 2] = cuts[w + 2] as number;
      control[c + 5] = nodes.length;
    });
    for (let i = 0; i < nodes.length; i++)
      found.push(search(i, 0, cuts[1] as number) < 0 ? null : splitFrom(arena.splitOut, 0, arena.leftBins, 0));
    jobs.finish(
      helpers,
      (w) => {
        for (let i = 0; i < nodes.length; i++) {
          const slot = w * MAX_SPLIT_NODES + i;
          if ((results[slot * SPLIT_RESULT + 7] as number) >= 0) merge(i, splitFrom(results, slot * SPLIT_RESULT, bins, slot * maxBins));
        }
      },
      // A helper that failed: its part is searched here (its results are only ever read, never half-applied).
      (w) => {
        for (let i = 0; i < nodes.length; i++)
          if (search(i, control[w * words + 1] as number, control[w * words + 2] as number) >= 0)
            merge(i, splitFrom(arena.splitOut, 0, arena.leftBins, 0));
      },
    );
    return found;
  };
  // More nodes than a job holds go in turns.
  return (nodes, allowed, parents, minH, p) => {
    if (nodes.length <= MAX_SPLIT_NODES) return find(nodes, allowed, parents, minH, p);
    const found: (Split | null)[] = [];
    for (let i = 0; i < nodes.length; i += MAX_SPLIT_NODES) {
      const part = find(nodes.slice(i, i + MAX_SPLIT_NODES), allowed, parents.slice(i, i + MAX_SPLIT_NODES), minH, p);
      if (!part) return null;
      found.push(...part);
    }
    return found;
  };
}
