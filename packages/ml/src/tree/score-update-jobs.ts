// The score update after each tree on all rows, as jobs for parallel-fit.ts's helper threads: each
// thread adds the tree's leaf values to the scores of its own segment's rows (fit-worker.js runs
// the helpers' part). Leaves above the last level come as row ranges (grow.ts leafRanges); the
// last level's splits are kept unpartitioned (grow.ts keepLastSplits) and each thread adds both of
// a split's values by its bin table, one pass instead of a partition and a leaf update.
import type { FitArena } from "./fit-arena.ts";
import { type LastSplit, MAX_NODE_BATCH } from "./grow.ts";

// Job kinds, as fit-worker.js numbers them.
export const LEAF_VALUES = 4;
export const SPLIT_VALUES = 5;
/** Leaf ranges a helper takes per tree (more: this thread updates every score itself). */
export const LEAF_CAPACITY = 4_096;

/** Adds a tree's leaf values to output k's scores (fit-arena.ts). */
export type AddLeafValues = (leafRanges: [node: number, start: number, end: number][], values: Float64Array, k: number) => void;
export type AddSplitValues = (splits: LastSplit[], values: Float64Array, k: number) => void;

/** What these jobs use of parallel-fit.ts's helpers: their control words, task words and job protocol. */
export interface HelperJobs {
  helpers: number;
  control: Int32Array;
  /** Control words per helper. */
  words: number;
  tasks: Int32Array;
  taskAt: (w: number, i: number) => number;
  helpersFor: (work: number, minPerPart: number) => number;
  begin: (kind: number, used: number, setUp: (w: number, c: number) => void) => void;
  finish: (used: number, done: (w: number) => void, failed: (w: number) => void) => void;
}

/** Each helper's leaf ranges ([start, end) pairs) and values, on shared memory for fit-worker.js. */
export function leafBuffers(helpers: number) {
  return {
    leafRanges: new Int32Array(new SharedArrayBuffer(helpers * LEAF_CAPACITY * 2 * 4)),
    leafValues: new Float64Array(new SharedArrayBuffer(helpers * LEAF_CAPACITY * 8)),
  };
}

/** Leaf values added to the scores by this thread alone. */
export const leavesAlone =
  (arena: FitArena): AddLeafValues =>
  (ranges, values, k) => {
    for (const [node, start, end] of ranges) arena.addLeafValue(start, end, k, values[node] as number);
  };

/** Last splits' values added to the scores by this thread alone. */
export const splitsAlone =
  (arena: FitArena): AddSplitValues =>
  (splits, values, k) => {
    for (const { feature, goesLeft, segments, left, right } of splits)
      for (let i = 0; i < segments.length; i += 2) {
        const [start, end] = [segments[i] as number, segments[i + 1] as number];
        arena.addSplitValues(feature, goesLeft, start, end, k, values[left] as number, values[right] as number);
      }
  };

/**
 * The score updates on all threads, over the segments `dealt` (rows dealt to the threads); jobs of
 * fewer rows than `minRowsPerPart` per thread stay on this thread.
 */
export function scoreUpdates(
  jobs: HelperJobs,
  buffers: ReturnType<typeof leafBuffers>,
  arena: FitArena,
  dealt: number[],
  minRowsPerPart: number,
): { addLeafValues: AddLeafValues; addSplitValues: AddSplitValues } {
  const { helpers, control, words, tasks, taskAt, helpersFor, begin, finish } = jobs;
  const { leafRanges, leafValues } = buffers;
  const addLeafValues: AddLeafValues = (ranges, values, k) => {
    // Which thread's segment each range is in (a leaf's rows stay in the segments they started in).
    const owner = (start: number) => {
      let t = 0;
      while (t + 1 < dealt.length / 2 && start >= (dealt[2 * t + 2] as number)) t++;
      return t;
    };
    const counts = new Array(helpers).fill(0);
    const mine: [number, number, number][] = [];
    for (const [node, start, end] of ranges) {
      const w = owner(start) - 1;
      if (w < 0) mine.push([node, start, end]);
      else counts[w]++;
    }
    if (helpersFor(arena.n, minRowsPerPart) < helpers || counts.some((c) => c > LEAF_CAPACITY))
      return leavesAlone(arena)(ranges, values, k);
    const filled = new Array(helpers).fill(0);
    for (const [node, start, end] of ranges) {
      const w = owner(start) - 1;
      if (w < 0) continue;
      const at = w * LEAF_CAPACITY + filled[w]++;
      leafRanges[2 * at] = start;
      leafRanges[2 * at + 1] = end;
      leafValues[at] = values[node] as number;
    }
    begin(LEAF_VALUES, helpers, (w, c) => {
      control[c + 2] = k;
      control[c + 5] = counts[w];
    });
    for (const [node, start, end] of mine) arena.addLeafValue(start, end, k, values[node] as number);
    finish(
      helpers,
      () => {},
      (w) => {
        // The ranges it finished stand (word 6 counts them); the rest are added here.
        for (let i = control[w * words + 6] as number; i < counts[w]; i++) {
          const at = w * LEAF_CAPACITY + i;
          arena.addLeafValue(leafRanges[2 * at] as number, leafRanges[2 * at + 1] as number, k, leafValues[at] as number);
        }
      },
    );
  };

  /**
   * A tree's last splits, in batches of up to MAX_NODE_BATCH (the tables setGoesLeft has places for):
   * each thread adds both leaf values over its segment of every split's rows, which stay unpartitioned
   * (the next round lays the row index out afresh), so the last level costs one pass, not two.
   */
  const addSplitValues: AddSplitValues = (splits, values, k) => {
    if (helpersFor(arena.n, minRowsPerPart) < helpers) return splitsAlone(arena)(splits, values, k);
    for (let from = 0; from < splits.length; from += MAX_NODE_BATCH) {
      const batch = splits.slice(from, from + MAX_NODE_BATCH);
      batch.forEach((split, i) => {
        arena.setGoesLeft(split.goesLeft, i);
      });
      // Words per split: its column's address and the helper's segment [start, end); values in leafValues, left then right.
      const valueAt = (w: number, i: number) => w * LEAF_CAPACITY + 2 * i;
      const here = (split: LastSplit, i: number, t: number) =>
        arena.addSplitValues(
          split.feature,
          i,
          split.segments[2 * t] as number,
          split.segments[2 * t + 1] as number,
          k,
          values[split.left] as number,
          values[split.right] as number,
        );
      begin(SPLIT_VALUES, helpers, (w, c) => {
        control[c + 2] = k;
        control[c + 5] = batch.length;
        batch.forEach((split, i) => {
          const t = taskAt(w, i);
          tasks[t] = arena.layout.byFeature + split.feature * arena.n;
          tasks[t + 1] = split.segments[2 * w + 2] as number;
          tasks[t + 2] = split.segments[2 * w + 3] as number;
          leafValues[valueAt(w, i)] = values[split.left] as number;
          leafValues[valueAt(w, i) + 1] = values[split.right] as number;
        });
      });
      batch.forEach((split, i) => {
        here(split, i, 0);
      });
      finish(
        helpers,
        () => {},
        (w) => {
          // The splits it finished stand (word 6 counts them); the rest are added here.
          for (let i = control[w * words + 6] as number; i < batch.length; i++) here(batch[i] as LastSplit, i, w + 1);
        },
      );
    }
  };

  return { addLeafValues, addSplitValues };
}
