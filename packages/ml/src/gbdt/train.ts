// Gradient-boosted trees, histogram-based (XGBoost's "hist" method): each round fits one tree per
// output to the loss's gradients; leaves are -G/(H+λ) scaled by the learning rate.
import type { Dataset, Task } from "../dataset.ts";
import { rng } from "../dataset.ts";
import { checkCancelled, type TrainOptions } from "../training.ts";
import { addTreeValues } from "../tree/binned-scoring.ts";
import { binRows, fitBinning } from "../tree/binning.ts";
import { bundleFeatures, bundleRoom, featureBundling, plannedColumns, unbundled } from "../tree/feature-bundles.ts";
import { fitArenaFor, type GradientPass } from "../tree/fit-arena.ts";
import { fitThreads, startHelpers } from "../tree/fit-helpers.ts";
import { growTree, histogramSlotsFor, nodeBatch } from "../tree/grow.ts";
import { mayTakeHelpers, parallelFit, sharedArray, worthHelpers } from "../tree/parallel-fit.ts";
import type { Tree } from "../tree/tree.ts";
import type { GbdtModel } from "./model.ts";
import { defaultObjective, gradientsFor, type Objective } from "./objectives.ts";
import { type GbdtParams, GbdtParamsSchema } from "./params.ts";
import { expectingGrids, quantizeGradients } from "./quantize.ts";
import { validationSet } from "./validation-set.ts";

// Train loss is reported on a fixed sample: scoring millions of rows every round would cost as much
// as growing the tree. 20k rows put the mean log loss within about ±0.005 of the whole set's, enough
// for the curve; 100k rows (as before) cost 9% of a 200k-row fit.
const LOSS_SAMPLE = 20_000;

export function trainGbdt(
  task: Task,
  train: Dataset,
  params: Partial<GbdtParams> = {},
  options: TrainOptions & { valid?: Dataset; numClasses?: number } = {},
): GbdtModel {
  // Read here, before any loop: every caller's options object has a shape of its own (the worker's
  // job, the warm-up's fits, the CLI), and code optimized inside a loop while the warm-up ran was
  // thrown away at the job's fit when it read another shape after the loop (then compiled again,
  // 25-36 ms of a core the fit's threads were using).
  const { signal, onIteration, onNote, valid, numClasses, trainLossEvery, keepHelpers } = options;
  const p = GbdtParamsSchema.parse(params);
  const objective = p.objective ?? defaultObjective(task);
  const K = task === "multiclass" ? (numClasses ?? maxLabel(train.label) + 1) : 1;
  const grads = gradientsFor(objective, p.huberDelta);
  const n = train.rows;
  const fitOn = mayTakeHelpers(n) ? fitThreads(p.threads) : 1;
  // Helper threads start while this one bins the rows; the bins say whether they pay.
  startHelpers(fitOn - 1);
  const binning = fitBinning(train, p.maxBins);
  const helpers = worthHelpers(n, train.features.length, binning.totalBins) ? fitOn - 1 : 0;
  // With helpers, small nodes are split in batches (grow.ts).
  const batch = helpers > 0 ? nodeBatch(binning.totalBins, p.maxLeaves) : 1;
  const histogramSlots = histogramSlotsFor(p.maxDepth, p.maxLeaves, batch);
  const bundling = featureBundling();
  const bundledColumns = bundling ? bundleRoom(plannedColumns(binning), binning.offset.length) : null;
  const arena = fitArenaFor(binning, { n, K, helpers, batch, histogramSlots, bundledColumns, walk: p.subsample < 1 });
  const binned = binRows(train, binning, arena);
  // An arena without room for bundles builds from its own arrays (null), as does a fit without any.
  const columns = bundling && (!arena || arena.bundleRoom) ? bundleFeatures(binned, binning, arena?.bundleRoom) : null;
  const F = train.features.length;
  const random = rng(p.seed);

  const base = grads.baseScore(train.label, K);
  const scores = arena?.scores ?? new Float64Array(n * K);
  arena?.label.set(train.label);
  // By output (objectives.ts Gradients): output k's scores are scores[k * n, (k + 1) * n).
  for (let k = 0; k < K; k++) scores.fill(base[k] as number, k * n, (k + 1) * n);
  const validation = valid ? validationSet(binRows(valid, binning), valid.label, K, base, objective, grads) : null;

  const gh = arena?.gh ?? sharedArray(Float32Array, 2 * n);
  const rows = arena?.rows ?? sharedArray(Uint32Array, n);
  const threads = parallelFit(helpers + 1, binned, binning, gh, rows, arena, columns ?? unbundled(binned, binning), {
    judgeHelpers: !keepHelpers,
  });
  // With the arena, gradients are computed and quantized in one pass, on every thread.
  const arenaGradients = threads.gradients ? gradientPasses(threads.gradients, objective, p.huberDelta, K) : null;
  const scratch = arena?.scratch ?? new Uint32Array(n);
  // A round's rows left out of its sample (subsample < 1): the tree's values reach them by a walk.
  const unsampled = p.subsample < 1 ? (arena?.unsampled ?? new Uint32Array(n)) : null;
  const allowed = new Uint8Array(F);
  // Only for a listener (see TrainOptions.trainLossEvery).
  const sample = onIteration ? lossSample(n) : new Uint32Array(0);
  const sampleLabel = sampledLabel(train.label, sample);
  const sampleScores = new Float64Array(sample.length * K);
  const trees: Tree[] = [];
  let best = { loss: Infinity, iteration: 0 };
  const lossEvery = Math.max(1, Math.floor(trainLossEvery ?? Math.ceil(p.numTrees / 50)));
  let lossAt = performance.now();

  try {
    for (let round = 0; round < p.numTrees; round++) {
      checkCancelled(signal);
      chooseFeatures(allowed, p.colsampleByTree, random);
      let count = n;
      let outside = 0;
      if (unsampled) [count, outside] = drawSample(random, p.subsample, n, rows, unsampled);
      for (let k = 0; k < K; k++) {
        // All rows: the index is laid out afresh (a segment per thread); a sample: rows[0, count).
        const segments = threads.rootSegments(p.subsample >= 1 ? n : count);
        if (arenaGradients) arenaGradients(k, n);
        else {
          grads.compute(scores, train.label, gh, k, K, n);
          quantizeGradients(gh, n);
        }
        const { tree, leafRanges, lastSplits } = growTree(
          binned,
          binning,
          gh,
          rows,
          count,
          {
            ...growParams(p, allowed, random),
            ...{ histograms: threads.histograms, partition: threads.partition, splits: threads.splits, segments, arena, batch, columns },
            // Over all rows, the last splits' rows go straight to the score update, unpartitioned.
            keepLastSplits: arena !== null && p.subsample >= 1,
          },
          scratch,
        );
        trees.push(tree);
        if (lastSplits.length > 0) threads.addSplitValues?.(lastSplits, tree.value, k);
        // The rows the tree was grown on by the leaves they were partitioned into (a full round's on
        // every thread); a sample's others down the tree.
        if (p.subsample >= 1 && threads.addLeafValues) threads.addLeafValues(leafRanges, tree.value, k);
        else {
          for (const [node, start, end] of leafRanges) {
            const v = tree.value[node] as number;
            for (let i = start; i < end; i++) {
              const idx = k * n + (rows[i] as number);
              scores[idx] = (scores[idx] as number) + v;
            }
          }
        }
        if (unsampled && !arena?.addTreeValues(tree, outside, k))
          addTreeValues(tree, binned, scores.subarray(k * n, (k + 1) * n), 1, 0, unsampled, outside);
        validation?.addTree(tree, k);
      }
      // Every k-th round, the first and the last, and whenever a quarter second has passed, so a
      // slow fit still draws its live curve (a loss on the sample costs a few ms).
      const reportLoss =
        onIteration !== undefined &&
        ((round + 1) % lossEvery === 0 || round === 0 || round + 1 === p.numTrees || performance.now() - lossAt >= 250);
      const trainLoss = reportLoss ? grads.loss(sampled(scores, sample, K, sampleScores), sampleLabel, K, sample.length) : undefined;
      if (reportLoss) lossAt = performance.now();
      const validLoss = validation?.loss();
      onIteration?.({ iteration: round + 1, total: p.numTrees, trainLoss, validLoss, lossName: grads.lossName });
      if (validLoss !== undefined && p.earlyStoppingRounds > 0) {
        if (validLoss < best.loss - 1e-12) best = { loss: validLoss, iteration: round + 1 };
        else if (round + 1 - best.iteration >= p.earlyStoppingRounds) break;
      }
    }
  } finally {
    if (threads.close()) arena?.release();
  }
  const alone = threads.treesAlone();
  if (alone > 0)
    onNote?.(
      `${alone} of ${trees.length} trees grown on one thread: the helper thread was kept from its core (V8 compiling, or other work on this machine) and made the fit wait longer than it saved`,
    );
  const bestIteration = p.earlyStoppingRounds > 0 && validation ? best.iteration : trees.length / K;
  return {
    algorithm: "gbdt",
    task,
    objective,
    outputs: K,
    baseScore: base,
    trees: trees.slice(0, bestIteration * K),
    features: train.features,
    // Threads change how fast, not what is learned: left out so the model file is the same either way.
    params: { ...p, threads: 1 },
    bestIteration,
  };
}

/**
 * Output k's gradients of a round by the arena's kernels, on all threads (parallel-fit.ts), rounded
 * to the grids that output had last round (expectingGrids); a multiclass round's class probabilities
 * first, once, before output 0's.
 */
function gradientPasses(
  run: (pass: GradientPass, n: number) => [number, number],
  objective: Objective,
  huberDelta: number,
  K: number,
): (k: number, n: number) => void {
  const passOf = (k: number, gScale: number, hScale: number): GradientPass =>
    objective === "binary:logistic"
      ? { kind: "logistic", gScale, hScale }
      : objective === "multi:softmax"
        ? { kind: "softmax", k, gScale, hScale }
        : { kind: "regression", objective, huberDelta, gScale, hScale };
  const passes = Array.from({ length: K }, (_, k) => expectingGrids((n, gs, hs) => run(passOf(k, gs, hs), n)));
  return (k, n) => {
    if (objective === "multi:softmax" && k === 0) run({ kind: "softmaxRows" }, n);
    passes[k]?.(n);
  };
}

function growParams(p: GbdtParams, allowed: Uint8Array, random: () => number) {
  return {
    maxDepth: p.maxDepth,
    maxLeaves: p.maxLeaves,
    minChildWeight: p.minChildWeight,
    minSplitGain: p.minSplitGain,
    l2: p.l2,
    shrinkage: p.learningRate,
    allowed,
    featuresPerSplit: 0,
    random,
    minRowsLeaf: 0,
    categories: {
      smooth: p.categorySmoothing,
      categoryL2: p.categoryL2,
      minCategoryHessian: p.minCategoryWeight,
      groupRows: p.categoryGroupRows,
      maxCategories: p.maxSplitCategories,
    },
  };
}

function chooseFeatures(allowed: Uint8Array, fraction: number, random: () => number) {
  const F = allowed.length;
  if (fraction >= 1) {
    allowed.fill(1);
    return;
  }
  allowed.fill(0);
  const k = Math.max(1, Math.round(F * fraction));
  const order = Array.from({ length: F }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (F - i));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
    allowed[order[i] as number] = 1;
  }
}

function lossSample(n: number): Uint32Array {
  if (n <= LOSS_SAMPLE) return Uint32Array.from({ length: n }, (_, i) => i);
  const step = n / LOSS_SAMPLE;
  return Uint32Array.from({ length: LOSS_SAMPLE }, (_, i) => Math.floor(i * step));
}

/** The sample's scores, by output as the fit's (objectives.ts Gradients). */
function sampled(scores: Float64Array, sample: Uint32Array, K: number, out: Float64Array) {
  if (sample.length * K === scores.length) return scores;
  const n = scores.length / K;
  const m = sample.length;
  for (let k = 0; k < K; k++) for (let j = 0; j < m; j++) out[k * m + j] = scores[k * n + (sample[j] as number)] as number;
  return out;
}

function sampledLabel(label: Float64Array, sample: Uint32Array) {
  if (sample.length === label.length) return label;
  const out = new Float64Array(sample.length);
  for (let j = 0; j < sample.length; j++) out[j] = label[sample[j] as number] as number;
  return out;
}

function maxLabel(label: Float64Array) {
  let m = 0;
  for (const v of label) if (v > m) m = v;
  return m;
}

/**
 * A round's sample: each row kept with probability `subsample`, in rows[0, count), the others in
 * unsampled[0, outside), both in row order. Each row is written to both lists and counted by one,
 * so there is no branch to mispredict; the random numbers are the same as a branch would draw.
 */
function drawSample(random: () => number, subsample: number, n: number, rows: Uint32Array, unsampled: Uint32Array): [number, number] {
  let count = 0;
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const take = Number(random() < subsample);
    rows[count] = i;
    unsampled[outside] = i;
    count += take;
    outside += 1 - take;
  }
  return [count, outside];
}
