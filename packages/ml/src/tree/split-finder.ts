// Finding a node's best split from its histogram: every candidate feature, numeric ones by a scan
// over their bins (missing values tried on each side), categorical ones by categorical-split.ts.
// With the fit arena, WebAssembly's bestSplit (wasm/fitting.ts) does the same operations in the same
// order; this JavaScript stays the reference and the path for histograms outside the arena.
import type { Binning } from "./binning.ts";
import { categoricalSplit, NO_CATEGORY_REGULARIZATION } from "./categorical-split.ts";
import type { FitArena } from "./fit-arena.ts";
import type { GrowParams } from "./grow.ts";

export interface Split {
  gain: number;
  feature: number;
  bin: number;
  defaultLeft: boolean;
  /** Categorical: the bins (category code + 1) that go left. */
  leftBins: number[] | null;
  gl: number;
  hl: number;
}

/** What the finder reads of a node: its depth, rows, gradient and hessian sums, and histogram. */
export interface SplitNode {
  depth: number;
  /** Rows (categorical splits estimate a category's rows from them). */
  count: number;
  g: number;
  h: number;
  hist: Float64Array;
}

function score(g: number, h: number, l2: number) {
  return (g * g) / (h + l2);
}

/**
 * A batch's splits found on all threads (split-jobs.ts): for nodes whose histograms are in the arena,
 * each with its parent score, over the tree's candidates (`allowed`, the list the arena was given
 * by useCandidates); null when the batch is too small to share.
 */
export type ParallelSplitFinder = (
  nodes: SplitNode[],
  allowed: number[],
  parents: number[],
  minH: number,
  p: GrowParams,
) => (Split | null)[] | null;

/** Whether a node may split at all: the checks made before its histogram is read. */
const searchable = (node: SplitNode, p: GrowParams) => !(node.depth >= p.maxDepth || node.h < 2 * p.minChildWeight);
const minHessian = (p: GrowParams) => Math.max(p.minChildWeight, p.minRowsLeaf, 1e-12);

/**
 * Each node's split, as findSplit finds them one by one (in order: a random feature subset per
 * node draws from p.random). With p.splits, the arena and every candidate per node, the nodes
 * whose histograms are in the arena are searched together on all threads.
 */
export function findSplits(
  nodes: SplitNode[],
  binning: Binning,
  p: GrowParams,
  arena: FitArena | null,
  allowed: number[],
): (Split | null)[] {
  const everyFeature = !(p.featuresPerSplit > 0 && p.featuresPerSplit < allowed.length);
  if (p.splits && arena && everyFeature) {
    const shared = nodes.filter((node) => searchable(node, p) && arena.owns(node.hist));
    const found =
      shared.length > 0
        ? p.splits(
            shared,
            allowed,
            shared.map((node) => score(node.g, node.h, p.l2)),
            minHessian(p),
            p,
          )
        : null;
    let next = 0;
    if (found) return nodes.map((node) => (node === shared[next] ? (found[next++] ?? null) : findSplit(node, binning, p, arena, allowed)));
  }
  return nodes.map((node) => findSplit(node, binning, p, arena, allowed));
}

export function findSplit(node: SplitNode, binning: Binning, p: GrowParams, arena: FitArena | null, allowed: number[]): Split | null {
  if (!searchable(node, p)) return null;
  const parent = score(node.g, node.h, p.l2);
  let candidates = allowed;
  if (p.featuresPerSplit > 0 && p.featuresPerSplit < allowed.length) {
    candidates = allowed.slice();
    // Partial Fisher-Yates: the first k of a shuffled list.
    for (let i = 0; i < p.featuresPerSplit; i++) {
      const j = i + Math.floor(p.random() * (candidates.length - i));
      [candidates[i], candidates[j]] = [candidates[j] as number, candidates[i] as number];
    }
    candidates.length = p.featuresPerSplit;
  }
  const minH = minHessian(p);
  const cat = p.categories ?? NO_CATEGORY_REGULARIZATION;
  // In the arena, WebAssembly finds the same split (wasm/fitting.ts bestSplit); this stays the reference.
  if (arena?.owns(node.hist)) return arenaSplit(arena, node, candidates === allowed ? null : candidates, minH, parent, p);
  const { l2 } = p;
  const G = node.g;
  const H = node.h;
  const hist = node.hist;
  // The best split so far lives in locals: this loop runs per node × feature × bin, and an object
  // per improvement kept the garbage collector busy. Comparisons are as before (strictly greater,
  // features and bins in the same order), so the same split wins.
  let bestGain = p.minSplitGain;
  let bestFeature = -1;
  let bestBin = 0;
  let bestDefaultLeft = false;
  let bestGl = 0;
  let bestHl = 0;
  let bestLeftBins: number[] | null = null;
  for (const f of candidates) {
    const off = (binning.offset[f] as number) * 2;
    const nb = binning.splitBins[f] as number;
    const gm = hist[off] as number;
    const hm = hist[off + 1] as number;
    if (binning.categorical[f]) {
      const s = categoricalSplit(hist, off, nb, G, H, node.count, l2, minH, parent, cat);
      if (s && s.gain > bestGain) {
        bestGain = s.gain;
        bestFeature = f;
        bestBin = 0;
        bestDefaultLeft = false;
        bestGl = s.gl;
        bestHl = s.hl;
        bestLeftBins = s.leftBins;
      }
      continue;
    }
    let gl = 0;
    let hl = 0;
    for (let b = 1; b < nb - 1; b++) {
      gl += hist[off + b * 2] as number;
      hl += hist[off + b * 2 + 1] as number;
      // Missing values go right, then left: the better becomes the learned default direction.
      for (let missingLeft = 0; missingLeft < (hm > 0 ? 2 : 1); missingLeft++) {
        const GL = missingLeft ? gl + gm : gl;
        const HL = missingLeft ? hl + hm : hl;
        const HR = H - HL;
        if (HL < minH || HR < minH) continue;
        const gain = (GL * GL) / (HL + l2) + ((G - GL) * (G - GL)) / (HR + l2) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = f;
          bestBin = b;
          bestDefaultLeft = missingLeft === 1;
          bestGl = GL;
          bestHl = HL;
          bestLeftBins = null;
        }
      }
    }
  }
  if (bestFeature < 0) return null;
  return {
    gain: bestGain,
    feature: bestFeature,
    bin: bestBin,
    defaultLeft: bestDefaultLeft,
    leftBins: bestLeftBins,
    gl: bestGl,
    hl: bestHl,
  };
}

function arenaSplit(
  arena: FitArena,
  node: SplitNode,
  candidates: number[] | null,
  minH: number,
  parent: number,
  p: GrowParams,
): Split | null {
  if (
    arena.bestSplit(
      node.hist,
      candidates,
      node.g,
      node.h,
      node.count,
      p.l2,
      minH,
      parent,
      p.minSplitGain,
      p.categories ?? NO_CATEGORY_REGULARIZATION,
    ) < 0
  )
    return null;
  return splitFrom(arena.splitOut, 0, arena.leftBins, 0);
}

/**
 * The split WebAssembly's bestSplit wrote: gain, feature, bin, default direction, gl, hl and
 * category count at out[o..], a category set at bins[b..].
 */
export function splitFrom(out: Float64Array, o: number, bins: Uint16Array, b: number): Split {
  const categories = out[o + 6] as number;
  return {
    gain: out[o] as number,
    feature: out[o + 1] as number,
    bin: out[o + 2] as number,
    defaultLeft: out[o + 3] === 1,
    leftBins: categories > 0 ? leftBinsOf(bins, b, categories) : null,
    gl: out[o + 4] as number,
    hl: out[o + 5] as number,
  };
}

/** A copy of `count` bins from b: by a loop, as Array.from on shared memory takes a slow path (a tenth of a regression fit). */
function leftBinsOf(bins: Uint16Array, b: number, count: number): number[] {
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = bins[b + i] as number;
  return out;
}
