// Kernel micro-benchmarks for `pnpm bench:ml kernels`: each variant of the engine's hot loops on
// the same real rows, in ns per unit of work, so a change to one kernel shows up by itself.
import { binRows, type Dataset, fitBinning, type Model } from "@roundhouse/ml";
import { gradientsFor, logisticLossSum } from "../packages/ml/src/gbdt/objectives.ts";
import { gridScale, quantizeGradients } from "../packages/ml/src/gbdt/quantize.ts";
import { jsValidationSet, wasmValidationSet } from "../packages/ml/src/gbdt/validation-set.ts";
import { encodeBlocks, fitEncoder } from "../packages/ml/src/linear/encoder.ts";
import { binaryLoss, wasmBinaryLoss } from "../packages/ml/src/linear/loss-kernel.ts";
import { type MultinomialKernel, multinomialLoss } from "../packages/ml/src/linear/multinomial-loss.ts";
import { completeTrees, rankColumns, scoreRanks } from "../packages/ml/src/tree/complete-trees.ts";
import { createFitArena } from "../packages/ml/src/tree/fit-arena.ts";
import { addTreeScores, compileTrees } from "../packages/ml/src/tree/forest-layout.ts";
import { buildHistogram, histogramKernel } from "../packages/ml/src/tree/histogram-kernel.ts";
import { partition } from "../packages/ml/src/tree/partition.ts";
import { wasmScorer } from "../packages/ml/src/tree/wasm-scorer.ts";

/** Best of `repeats` timings of fn (after one warm-up run), in ms. */
function best(fn: () => void, repeats = 7): number {
  fn();
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

const line = (what: string, ns: number, unit: string, base?: number) =>
  console.log(`  ${what.padEnd(50)} ${ns.toFixed(2).padStart(7)} ns per ${unit}${base ? `   ${(base / ns).toFixed(2)}× the first` : ""}`);

/**
 * Binning: the quantile edges (a sort of each numeric column's sample) and each value's bin, in
 * JavaScript (binning.ts, the kernel variant "generated") and in WebAssembly (wasm/binning.ts).
 */
export function binningKernels(train: Dataset) {
  const values = train.rows * train.columns.length;
  console.log(`binning, ${train.rows.toLocaleString("en-US")} rows × ${train.columns.length} features:`);
  const chosen = process.env.ROUNDHOUSE_FIT_KERNEL;
  const inJs = <T>(fn: () => T): T => {
    process.env.ROUNDHOUSE_FIT_KERNEL = "generated";
    try {
      return fn();
    } finally {
      if (chosen === undefined) delete process.env.ROUNDHOUSE_FIT_KERNEL;
      else process.env.ROUNDHOUSE_FIT_KERNEL = chosen;
    }
  };
  let binning = fitBinning(train, 255);
  const edgesJs = inJs(() => (best(() => (binning = fitBinning(train, 255))) * 1e6) / values);
  line("quantile edges, JavaScript (binning.ts fitBinning)", edgesJs, "value");
  line(
    "quantile edges, WebAssembly sort (wasm/binning.ts)",
    (best(() => (binning = fitBinning(train, 255))) * 1e6) / values,
    "value",
    edgesJs,
  );
  const binsJs = (best(() => binRows(train, binning)) * 1e6) / values;
  line("each value's bin, JavaScript (binning.ts binRows)", binsJs, "value");
  const arena = createFitArena(binning, { n: train.rows, K: 0, helpers: 0, batch: 1, histogramSlots: 1 });
  if (arena)
    line("each value's bin, WebAssembly, into a fit arena", (best(() => binRows(train, binning, arena)) * 1e6) / values, "value", binsJs);
}

/**
 * The histogram kernels, then (unless `histogramOnly`) partition and logistic gradients on the same
 * rows. From 16 features the WebAssembly histogram is built eight features at a time
 * (wasm/histogram.ts histogramByColumn), below that row by row.
 */
export function histogramKernels(train: Dataset, histogramOnly = false, what = "") {
  const binning = fitBinning(train, 255);
  const n = train.rows;
  const arena = createFitArena(binning, { n, K: 1, helpers: 0, batch: 1, histogramSlots: 1 });
  const binned = binRows(train, binning);
  const gh = new Float32Array(2 * n).map((_, i) => ((i * 7919) % 97) / 97 - 0.5);
  // Every other row, as in a node below the root.
  const rows = Uint32Array.from({ length: n >> 1 }, (_, i) => 2 * i + (i % 3 === 0 ? 1 : 0));
  const hist = new Float64Array(binning.totalBins * 2);
  const cells = rows.length * binned.F;
  console.log(
    `histogram build, ${rows.length.toLocaleString("en-US")} of ${n.toLocaleString("en-US")} rows × ${binned.F} features${what}:`,
  );
  const loop = (best(() => buildHistogram(hist.fill(0), binned, binning, gh, rows, 0, rows.length)) * 1e6) / cells;
  line("reference loop (grow.ts)", loop, "row×feature");
  const kernel = histogramKernel(binning.offset, binned.F);
  if (kernel)
    line(
      "generated JS (histogram-kernel.ts)",
      (best(() => kernel(hist.fill(0), binned.bins, gh, rows, 0, rows.length)) * 1e6) / cells,
      "row×feature",
      loop,
    );
  if (!arena) return;
  binRows(train, binning, arena);
  arena.gh.set(gh);
  arena.rows.set(rows);
  const inArena = arena.takeHistogram() as Float64Array;
  line(
    `WebAssembly SIMD (wasm/fitting.ts, ${binned.F >= 16 ? "eight features at a time" : "row by row"})`,
    (best(() => arena.histogram(inArena.fill(0), 0, rows.length)) * 1e6) / cells,
    "row×feature",
    loop,
  );
  if (histogramOnly) return;

  // Partition on the day of year at its middle bin (a split about half the rows take each way).
  const goesLeft = new Uint8Array(256).fill(1, 1, 121); // bins 1..120 left; missing (bin 0) right
  const node = () => ({ feature: 2, segments: [0, rows.length], goesLeft, left: [], right: [] });
  const scratch = new Uint32Array(n);
  const work = new Uint32Array(rows.length);
  console.log(`partition, ${rows.length.toLocaleString("en-US")} rows:`);
  const js =
    (best(() => {
      work.set(rows);
      partition(binned, work, [node()], scratch, null, null);
    }) *
      1e6) /
    rows.length;
  line("JavaScript, branchless (partition.ts)", js, "row");
  const wasm =
    (best(() => {
      arena.rows.set(rows);
      partition(binned, arena.rows, [node()], arena.scratch, arena, null);
    }) *
      1e6) /
    rows.length;
  line("WebAssembly (wasm/fitting.ts)", wasm, "row", js);

  console.log(`logistic gradients, quantized, ${n.toLocaleString("en-US")} rows:`);
  const scores = arena.scores.map((_, i) => Math.sin(i) * 3);
  arena.scores.set(scores);
  arena.label.set(train.label);
  const grads = gradientsFor("binary:logistic");
  const jsGrads =
    (best(() => {
      grads.compute(scores, train.label, gh, 0, 1, n);
      quantizeGradients(gh, n);
    }) *
      1e6) /
    n;
  line("JavaScript (objectives.ts, then quantize.ts)", jsGrads, "row");
  const [gs, hs] = [gridScale(1), gridScale(0.25)];
  line(
    "WebAssembly, four rows per f32x4, one pass (wasm/gradients.ts)",
    (best(() => arena.gradients({ kind: "logistic", gScale: gs, hScale: hs }, 0, n)) * 1e6) / n,
    "row",
    jsGrads,
  );
}

export function linearKernels(train: Dataset) {
  const encoder = fitEncoder(train);
  const F = encoder.kind.length;
  const D = encoder.width;
  const n = train.rows;
  const kernel = wasmBinaryLoss(encoder, train.label);
  if (!kernel) throw new Error("the WebAssembly loss kernel is unavailable");
  encodeBlocks(encoder, train, kernel.rows);
  // D weights, the intercept and the no-category column's weight (0).
  const w = Float64Array.from({ length: D + 2 }, (_, i) => (i <= D ? Math.sin(i) * 0.5 : 0));
  const grad = new Float64Array(D + 2);
  console.log(`logistic regression loss and gradient, ${n.toLocaleString("en-US")} rows × ${F} features (${D} design columns):`);
  const js = (best(() => binaryLoss(w, grad.fill(0), kernel.rows, D)) * 1e6) / n;
  line("JavaScript (linear/loss-kernel.ts)", js, "row");
  line("WebAssembly, exp and log1p in f64x2 (wasm/linear.ts)", (best(() => kernel.evaluate(w, grad)) * 1e6) / n, "row", js);
  multinomialKernels(train, encoder, 7);
}

/** The multinomial loss and gradient for K classes (labels i mod K: the values do not change the work). */
function multinomialKernels(train: Dataset, encoder: ReturnType<typeof fitEncoder>, K: number) {
  const data = { ...train, label: Float64Array.from(train.label, (_, i) => i % K) };
  const size = K * encoder.width + K;
  const w = Float64Array.from({ length: size }, (_, i) => Math.sin(i) * 0.3);
  const grad = new Float64Array(size);
  console.log(`multinomial logistic loss and gradient, ${K} classes, the same rows:`);
  const time = (kernel: MultinomialKernel) => {
    const loss = multinomialLoss(encoder, data, K, kernel);
    if (!loss) throw new Error(`the ${kernel} multinomial kernel is unavailable`);
    return (best(() => loss(w, grad)) * 1e6) / data.rows;
  };
  const loop = time("loop");
  line("JavaScript loop (linear/multinomial-kernel.ts)", loop, "row");
  line("JavaScript generated for the class count", time("generated"), "row", loop);
  line("WebAssembly, two classes a lane pair (wasm/linear.ts)", time("wasm"), "row", loop);
}

/**
 * A validation set (a boosted fit's, every round): each tree's values added by the walk over the
 * rows' bins, in JavaScript (binned-scoring.ts, four rows at a time) and WebAssembly (eight); and
 * the logistic loss by Math.exp and Math.log as the engine summed it until 2026-12-05, by the
 * kernel's JavaScript twin, and by the kernel.
 */
export function validationKernels(model: Model, train: Dataset, test: Dataset) {
  if (model.algorithm !== "gbdt") return;
  const n = test.rows;
  const rows = binRows(test, fitBinning(train, 255));
  const grads = gradientsFor("binary:logistic");
  const kernel = wasmValidationSet(rows, test.label, 1, "binary:logistic", grads);
  if (!kernel) throw new Error("the WebAssembly validation kernel is unavailable");
  const twin = jsValidationSet(rows, test.label, 1, grads);
  const trees = model.trees;
  console.log(`validation set, ${n.toLocaleString("en-US")} rows: a tree's values added (${trees.length} trees), then the loss:`);
  const walk = (set: typeof twin) => () => {
    for (const tree of trees) set.addTree(tree, 0);
  };
  const jsWalk = perRowOf(n * trees.length, walk(twin));
  line("walk, JavaScript (binned-scoring.ts)", jsWalk, "row and tree");
  line("walk, WebAssembly (wasm/validation.ts)", perRowOf(n * trees.length, walk(kernel)), "row and tree", jsWalk);
  kernel.scores.set(Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 3));
  const { scores } = kernel;
  const label = test.label;
  const plain = perRowOf(n, () => {
    let l = 0;
    for (let i = 0; i < n; i++) {
      const p = Math.min(Math.max(1 / (1 + Math.exp(-(scores[i] as number))), 1e-15), 1 - 1e-15);
      l -= label[i] === 1 ? Math.log(p) : Math.log(1 - p);
    }
    return l;
  });
  line("loss, JavaScript, Math.exp and Math.log", plain, "row");
  line(
    "loss, JavaScript twin (gbdt/objectives.ts)",
    perRowOf(n, () => logisticLossSum(scores, label, n)),
    "row",
    plain,
  );
  line(
    "loss, WebAssembly, f64x2 (wasm/validation.ts)",
    perRowOf(n, () => kernel.loss()),
    "row",
    plain,
  );
}

const perRowOf = (n: number, fn: () => void) => (best(fn) * 1e6) / n;

export function scoringKernels(model: Model, test: Dataset) {
  if (model.algorithm !== "gbdt") return;
  const rows = Math.min(test.rows, 50_000);
  const K = model.outputs;
  console.log(`scoring, ${model.trees.length} trees, ${rows.toLocaleString("en-US")} rows (raw sums, blocks of 256):`);
  const pointer = compileTrees(model.trees, K);
  const x = new Float64Array(test.columns.length);
  const out = new Float64Array(256 * K);
  const perRow = (ms: number) => (ms * 1e6) / rows;
  const walk = perRow(
    best(() => {
      for (let i = 0; i < rows; i++) {
        for (let f = 0; f < x.length; f++) x[f] = test.columns[f]?.[i] as number;
        addTreeScores(pointer, x, out);
      }
    }, 3),
  );
  line("pointer walk, one row at a time", walk, "row");
  const complete = completeTrees(model.trees, K);
  if (!complete) return;
  const ranks = new Int32Array(256 * complete.stride);
  const jsRanks = (first: number, n: number) => rankColumns(complete, test.columns, first, n, ranks);
  const blocks = (score: (n: number) => void, rank: (first: number, n: number) => void) => () => {
    for (let first = 0; first < rows; first += 256) {
      const n = Math.min(256, rows - first);
      rank(first, n);
      score(n);
    }
  };
  line(
    "complete trees over ranks, JS",
    perRow(
      best(
        blocks((n) => scoreRanks(complete, ranks, n, out, K), jsRanks),
        3,
      ),
    ),
    "row",
    walk,
  );
  const wasm = wasmScorer(complete, K, 256);
  if (wasm)
    line(
      "complete trees over ranks, WebAssembly",
      perRow(
        best(
          blocks(
            (n) => wasm.scoreRows(n),
            (first, n) => wasm.rankRows(test.columns, first, n),
          ),
          3,
        ),
      ),
      "row",
      walk,
    );
  line(
    wasm ? "  of which copying in and ranking the rows (WebAssembly)" : "  of which ranking the rows (JS)",
    perRow(
      best(
        blocks(() => {}, wasm ? (first, n) => wasm.rankRows(test.columns, first, n) : jsRanks),
        3,
      ),
    ),
    "row",
  );
}
