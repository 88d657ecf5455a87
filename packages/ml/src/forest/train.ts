// Random forests on the same histogram trees: each tree sees a bootstrap sample and considers a
// random subset of features at every split; a leaf holds the mean label of its rows (the class-1
// share for binary, one tree per class for multiclass). Prediction averages the trees.
import { type ForestParams, ForestParamsSchema } from "@roundhouse/contracts";
import type { Dataset, FeatureInfo, Task } from "../dataset.ts";
import { rng } from "../dataset.ts";
import { checkCancelled, type TrainOptions } from "../training.ts";
import { binRows, fitBinning } from "../tree/binning.ts";
import { createFitArena } from "../tree/fit-arena.ts";
import { growTree, histogramSlotsFor } from "../tree/grow.ts";
import type { Tree } from "../tree/tree.ts";

export interface ForestModel {
  algorithm: "random_forest";
  task: Task;
  outputs: number;
  /** trees[t * outputs + k]: tree t for output k. */
  trees: Tree[];
  features: FeatureInfo[];
  params: ForestParams;
}

export function trainForest(
  task: Task,
  data: Dataset,
  params: Partial<ForestParams> = {},
  options: TrainOptions & { numClasses?: number } = {},
): ForestModel {
  const p = ForestParamsSchema.parse(params);
  const K = task === "multiclass" ? (options.numClasses ?? Math.max(...data.label) + 1) : 1;
  const n = data.rows;
  const F = data.features.length;
  const binning = fitBinning(data, p.maxBins);
  // Depth-first, one node at a time: open nodes down to maxDepth plus the two in hand.
  const arena = createFitArena(binning, { n, K: 0, helpers: 0, batch: 1, histogramSlots: histogramSlotsFor(p.maxDepth, 0, 1) });
  const binned = binRows(data, binning, arena);
  const random = rng(p.seed);
  const featuresPerSplit = p.featuresPerSplit || Math.max(1, task === "regression" ? Math.round(F / 3) : Math.round(Math.sqrt(F)));
  const gh = arena?.gh ?? new Float32Array(2 * n);
  const rows = arena?.rows ?? new Uint32Array(n);
  const sample = new Uint32Array(n);
  const counts = new Uint16Array(n);
  const scratch = arena?.scratch ?? new Uint32Array(n);
  const allowed = new Uint8Array(F).fill(1);
  const trees: Tree[] = [];
  for (let t = 0; t < p.numTrees; t++) {
    checkCancelled(options.signal);
    // Bootstrap: n draws with replacement, laid out in row order (counting, not sorting) so rows
    // are visited in memory order.
    if (p.bootstrap) {
      counts.fill(0);
      for (let i = 0; i < n; i++) {
        const r = Math.floor(random() * n);
        counts[r] = (counts[r] as number) + 1;
      }
      let at = 0;
      for (let i = 0; i < n; i++) for (let c = counts[i] as number; c > 0; c--) sample[at++] = i;
    } else for (let i = 0; i < n; i++) sample[i] = i;
    for (let k = 0; k < K; k++) {
      // g = -y, h = 1: a leaf's value -G/H is the mean label of its rows.
      for (let i = 0; i < n; i++) {
        const y = data.label[i] as number;
        gh[2 * i] = -(K === 1 ? y : y === k ? 1 : 0);
        gh[2 * i + 1] = 1;
      }
      rows.set(sample);
      const { tree } = growTree(
        binned,
        binning,
        gh,
        rows,
        n,
        {
          maxDepth: p.maxDepth,
          maxLeaves: 0,
          minChildWeight: 0,
          minSplitGain: 1e-12,
          l2: 0,
          shrinkage: 1,
          allowed,
          featuresPerSplit,
          random,
          minRowsLeaf: p.minSamplesLeaf,
          arena,
        },
        scratch,
      );
      trees.push(tree);
    }
    options.onIteration?.({ iteration: t + 1, total: p.numTrees, trainLoss: Number.NaN, lossName: "none" });
  }
  // Only when the fit ends well: a cancelled fit's memory is left to the garbage collector.
  arena?.release();
  return { algorithm: "random_forest", task, outputs: K, trees, features: data.features, params: p };
}
