// A batch of nodes partitioned as jobs for parallel-fit.ts's helper threads: each thread splits its
// own segment of every node in place (fit-worker.js runs the helpers' part), so its rows stay in its
// cache for the children's histograms.
import type { FitArena } from "./fit-arena.ts";
import { rowCount } from "./grow.ts";
import type { Partitioner } from "./partition.ts";
import type { HelperJobs } from "./score-update-jobs.ts";

/** The job kind, as fit-worker.js numbers it. */
const PARTITION = 1;

/** The partitioner of a fit on all threads; batches of fewer than 2 × minRowsPerPart rows stay on this thread. */
export function partitionJobs(jobs: HelperJobs, arena: FitArena, minRowsPerPart: number): Partitioner {
  const { helpers, control, tasks, words } = jobs;
  return (batch) => {
    let count = 0;
    for (const t of batch) count += rowCount(t.segments);
    const alone = jobs.helpersFor(count, minRowsPerPart) < helpers;
    if (alone) {
      for (const { feature, segments, goesLeft, left, right } of batch)
        for (let i = 0; i < segments.length; i += 2) {
          const s = segments[i] as number;
          const e = segments[i + 1] as number;
          const mid = arena.partition(feature, s, e, goesLeft);
          left.push(s, mid);
          right.push(mid, e);
        }
      return;
    }
    batch.forEach((t, i) => {
      arena.setGoesLeft(t.goesLeft, i);
    });
    // mids[i][thread]: where the rights of node i start in that thread's segment.
    const mids = batch.map(() => [] as number[]);
    // A column's byte address goes through an Int32 word: above 2 GiB it wraps to a negative
    // number with the same 32 bits, which is the same address to WebAssembly.
    jobs.begin(PARTITION, helpers, (w, c) => {
      control[c + 5] = batch.length;
      batch.forEach(({ feature, segments }, i) => {
        const t = jobs.taskAt(w, i);
        tasks[t] = arena.layout.byFeature + feature * arena.n;
        tasks[t + 1] = segments[2 * w + 2] as number;
        tasks[t + 2] = segments[2 * w + 3] as number;
      });
    });
    batch.forEach(({ feature, segments }, i) => {
      mids[i]?.push(arena.partition(feature, segments[0] as number, segments[1] as number, i));
    });
    jobs.finish(
      helpers,
      (w) => {
        batch.forEach(({ segments }, i) => {
          mids[i]?.push((segments[2 * w + 2] as number) + (tasks[jobs.taskAt(w, i) + 3] as number));
        });
      },
      (w) => {
        // Nodes the helper finished stand. The one it had split into scratch has its copy back
        // redone; the ones it had not reached are partitioned here.
        const finished = control[w * words + 6] as number;
        const inScratch = (control[w * words + 7] as number) - 1;
        batch.forEach(({ feature, segments }, i) => {
          const s = segments[2 * w + 2] as number;
          const e = segments[2 * w + 3] as number;
          const lefts = tasks[jobs.taskAt(w, i) + 3] as number;
          if (i < finished) mids[i]?.push(s + lefts);
          else if (i === inScratch) mids[i]?.push(s + arena.copyBack(s, e, lefts));
          else mids[i]?.push(arena.partition(feature, s, e, i));
        });
      },
    );
    batch.forEach(({ segments, left, right }, i) => {
      const m = mids[i] as number[];
      for (let t = 0; t < m.length; t++) {
        left.push(segments[2 * t] as number, m[t] as number);
        right.push(m[t] as number, segments[2 * t + 1] as number);
      }
    });
  };
}
