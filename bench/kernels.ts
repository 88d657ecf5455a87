// Kernel micro-benchmarks for `pnpm bench:ml kernels`: each variant of the engine's hot loops on
// the same real rows, in ns per unit of work, so a change to one kernel shows up by itself.
import { binRows, type Dataset, fitBinning, type Model } from "@roundhouse/ml";
import { completeTrees, rankColumns, scoreRanks } from "../packages/ml/src/tree/complete-trees.ts";
import { addTreeScores, compileTrees } from "../packages/ml/src/tree/forest-layout.ts";
import { buildHistogram } from "../packages/ml/src/tree/grow.ts";
import { histogramKernel } from "../packages/ml/src/tree/histogram-kernel.ts";
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
  console.log(`  ${what.padEnd(44)} ${ns.toFixed(2).padStart(7)} ns per ${unit}${base ? `   ${(base / ns).toFixed(2)}× the first` : ""}`);

export function histogramKernels(train: Dataset) {
  const binning = fitBinning(train, 255);
  const binned = binRows(train, binning);
  const gh = new Float32Array(2 * train.rows).map((_, i) => ((i * 7919) % 97) / 97 - 0.5);
  const rows = Uint32Array.from({ length: train.rows }, (_, i) => i);
  const hist = new Float64Array(binning.totalBins * 2);
  const cells = train.rows * binned.F;
  console.log(`histogram build, ${train.rows.toLocaleString("en-US")} rows × ${binned.F} features:`);
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
}

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
  const blocks = (score: (n: number) => void, into: Int32Array) => () => {
    for (let first = 0; first < rows; first += 256) {
      const n = Math.min(256, rows - first);
      rankColumns(complete, test.columns, first, n, into);
      score(n);
    }
  };
  line(
    "complete trees over ranks, JS",
    perRow(
      best(
        blocks((n) => scoreRanks(complete, ranks, n, out, K), ranks),
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
          blocks((n) => wasm.scoreRows(n), wasm.ranks),
          3,
        ),
      ),
      "row",
      walk,
    );
  line(
    "  of which ranking the rows (JS)",
    perRow(
      best(
        blocks(() => {}, ranks),
        3,
      ),
    ),
    "row",
  );
}
