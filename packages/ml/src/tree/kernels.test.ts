// Every fitting kernel grows the same trees, byte for byte, for boosting and forests on 1 and 2
// threads: WebAssembly over a fit arena (fit-arena.ts, wasm/fitting.ts), the generated JavaScript
// histogram kernel (histogram-kernel.ts) and the plain loop of grow.ts.
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { afterEach, describe, expect, it, vi } from "vitest";
import { rng } from "../dataset.ts";
import { serializeModel } from "../model/format.ts";
import { synthetic } from "../test-data.ts";
import { trainModel } from "../train-model.ts";
import { binRows, fitBinning } from "./binning.ts";
import { createFitArena } from "./fit-arena.ts";
import { fitThreads } from "./fit-helpers.ts";
import { growTree } from "./grow.ts";
import { buildHistogram, type FitKernelVariant, histogramKernel } from "./histogram-kernel.ts";
import { worthHelpers } from "./parallel-fit.ts";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const withKernel = <T>(variant: FitKernelVariant, fn: () => T): T => {
  process.env.ROUNDHOUSE_FIT_KERNEL = variant;
  return fn();
};
afterEach(() => {
  delete process.env.ROUNDHOUSE_FIT_KERNEL;
});

describe("histogram kernels", () => {
  it("the generated kernel sums exactly what the loop sums, bin by bin, on unquantized gradients", () => {
    const data = synthetic(5_000, "regression", 3);
    const binning = fitBinning(data, 64);
    const binned = binRows(data, binning);
    const gh = new Float32Array(2 * data.rows).map((_, i) => Math.sin(i) * (i % 2 ? 0.5 : 3));
    const rows = Uint32Array.from({ length: data.rows }, (_, i) => i).filter((i) => i % 3 !== 0);
    const expected = new Float64Array(binning.totalBins * 2);
    const actual = new Float64Array(binning.totalBins * 2);
    buildHistogram(expected, binned, binning, gh, rows, 100, rows.length - 7);
    histogramKernel(binning.offset, binned.F)?.(actual, binned.bins, gh, rows, 100, rows.length - 7);
    expect(actual.some((v) => v !== 0)).toBe(true);
    expect(actual).toEqual(expected);
  });

  describe.each(["binary", "regression", "multiclass"] as const)("%s", (task) => {
    // 60k rows so that two threads really share every kind of job (parts of 16k rows or more); an odd
    // count, so the two-rows-at-a-time gradient kernel also runs its last single row. 63 bins, so that
    // 4 features are enough row×features per bin for a helper (parallel-fit.ts worthHelpers).
    const data = synthetic(60_001, task, 31);
    const fit = (algorithm: "gbdt" | "random_forest", params: Record<string, unknown>) =>
      sha(serializeModel(trainModel(algorithm, task, data, { maxBins: 63, ...params }, { numClasses: 3 }), { name: "y" }));

    it("takes a helper on 2 threads", () => {
      expect(worthHelpers(data.rows, data.features.length, fitBinning(data, 63).totalBins)).toBe(true);
    });

    // With and without row subsampling: the arena's row reset, score update and gradients run
    // only on full rounds.
    it.each([1, 0.8])("gbdt with subsample %s: wasm, generated and reference kernels, 1 and 2 threads, one model file", (subsample) => {
      const params = { numTrees: 6, maxDepth: 6, subsample, seed: 5 };
      const reference = withKernel("reference", () => fit("gbdt", { ...params, threads: 1 }));
      // A helper that failed would still give the same model (redone here): none may have.
      const errors = vi.spyOn(console, "error");
      for (const variant of ["wasm", "generated", "reference"] as const)
        for (const threads of [1, 2])
          expect(
            withKernel(variant, () => fit("gbdt", { ...params, threads })),
            `${variant}, ${threads}`,
          ).toBe(reference);
      expect(errors).not.toHaveBeenCalled();
      errors.mockRestore();
    });

    // 3% positives: the largest hessian is far below 0.25, so the fused gradient-and-quantize pass
    // runs with grids it did not expect and must run again (fit-arena.ts, parallel-fit.ts).
    it.runIf(task === "binary")("gbdt on rare positives: wasm on 1 and 2 threads grows the reference model", () => {
      const rare = { ...data, label: data.label.map((y, i) => (y === 1 && i % 16 === 0 ? 1 : 0)) };
      const params = { numTrees: 6, maxDepth: 6, seed: 5, maxBins: 63 };
      const fitRare = (threads: number) =>
        sha(serializeModel(trainModel("gbdt", task, rare, { ...params, threads }, { numClasses: 3 }), { name: "y" }));
      const reference = withKernel("reference", () => fitRare(1));
      expect(withKernel("wasm", () => fitRare(1))).toBe(reference);
      expect(withKernel("wasm", () => fitRare(2))).toBe(reference);
    });

    // Each kind of job a helper thread takes (gradients: each task's own pass; multiclass, its class probabilities too).
    // ("copy": a partition of several nodes fails midway, one node's rows in scratch, not copied back;
    // "leaves": a tree's leaf values fail halfway, some of its rows' scores updated; "splitValues":
    // the same for its last splits, whose rows are not partitioned. Jobs shared by features: "wide data".)
    const jobs = ["histogram", "split", "copy", "leaves", "splitValues", "gradients"];
    it.each(jobs)("gbdt on 2 threads whose helper fails a %s job: the same model, finished on one thread", (job) => {
      // Enough rounds that the helper has started (it must, to fail) well before the last tree.
      // Leaf values go to helpers for leaves above the last level: best-first trees have some.
      const params = { numTrees: 40, maxDepth: 4, seed: 8, ...(job === "leaves" ? { maxLeaves: 10 } : {}) };
      const reference = withKernel("wasm", () => fit("gbdt", { ...params, threads: 1 }));
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      process.env.ROUNDHOUSE_FIT_HELPER_FAULT = job;
      process.env.ROUNDHOUSE_FIT_HELPER_WAIT_MS = "10000"; // the helper takes part, however fast the fit
      try {
        expect(withKernel("wasm", () => fit("gbdt", { ...params, threads: 2 }))).toBe(reference);
        expect(errors).toHaveBeenCalledWith("roundhouse: fit helper thread 0 failed; going on with one thread");
      } finally {
        delete process.env.ROUNDHOUSE_FIT_HELPER_FAULT;
        delete process.env.ROUNDHOUSE_FIT_HELPER_WAIT_MS;
        errors.mockRestore();
      }
    });

    // A helper kept from its core (another process, V8 compiling) makes every job wait for it: the
    // fit then grows trees alone for a while (parallel-fit.ts helpersPaying), and says so.
    it.runIf(task === "binary")("gbdt on 2 threads whose helper is kept waiting: trees grown alone, the same model, a note", () => {
      const params = { numTrees: 30, maxDepth: 4, seed: 8 };
      const reference = withKernel("wasm", () => fit("gbdt", { ...params, threads: 1 }));
      const notes: string[] = [];
      process.env.ROUNDHOUSE_FIT_HELPER_FAULT = "slow"; // each of its jobs starts 1 ms late
      process.env.ROUNDHOUSE_FIT_HELPER_WAIT_MS = "10000";
      try {
        const model = withKernel("wasm", () =>
          trainModel("gbdt", task, data, { maxBins: 63, ...params, threads: 2 }, { numClasses: 3, onNote: (m) => notes.push(m) }),
        );
        expect(sha(serializeModel(model, { name: "y" }))).toBe(reference);
      } finally {
        delete process.env.ROUNDHOUSE_FIT_HELPER_FAULT;
        delete process.env.ROUNDHOUSE_FIT_HELPER_WAIT_MS;
      }
      // Trees 1–4 on both threads, judged slow: 5–14 alone; 15–18 on both, slow again: 19–30 alone.
      expect(notes).toEqual([expect.stringMatching(/^22 of 30 trees grown on one thread: the helper thread was kept from its core/)]);
      // Without the delay, the 1-thread fit has nothing to say.
      const quiet: string[] = [];
      withKernel("wasm", () => trainModel("gbdt", task, data, { maxBins: 63, ...params, threads: 1 }, { onNote: (m) => quiet.push(m) }));
      expect(quiet).toEqual([]);
    });

    // The warm-up's fits (warm-up.ts) are there to run the helpers' code, however slow it is.
    it.runIf(task === "binary")("gbdt on 2 threads with keepHelpers: no tree alone, however slow the helper", () => {
      const params = { numTrees: 30, maxDepth: 4, seed: 8 };
      const reference = withKernel("wasm", () => fit("gbdt", { ...params, threads: 1 }));
      const notes: string[] = [];
      process.env.ROUNDHOUSE_FIT_HELPER_FAULT = "slow";
      process.env.ROUNDHOUSE_FIT_HELPER_WAIT_MS = "10000";
      try {
        const model = withKernel("wasm", () =>
          trainModel(
            "gbdt",
            task,
            data,
            { maxBins: 63, ...params, threads: 2 },
            { numClasses: 3, onNote: (m) => notes.push(m), keepHelpers: true },
          ),
        );
        expect(sha(serializeModel(model, { name: "y" }))).toBe(reference);
      } finally {
        delete process.env.ROUNDHOUSE_FIT_HELPER_FAULT;
        delete process.env.ROUNDHOUSE_FIT_HELPER_WAIT_MS;
      }
      expect(notes).toEqual([]);
    });

    it("gbdt on 2 threads whose helper dies before its first job: the same model, and the process lives on", async () => {
      // Enough rounds that the helper has started, and died, before the fit ends and stops it.
      const params = { numTrees: 40, maxDepth: 4, seed: 8 };
      const reference = withKernel("wasm", () => fit("gbdt", { ...params, threads: 1 }));
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      process.env.ROUNDHOUSE_FIT_HELPER_FAULT = "start";
      // It never says it is ready: the fit waits this long, time enough for it to start and die.
      process.env.ROUNDHOUSE_FIT_HELPER_WAIT_MS = "2000";
      try {
        expect(withKernel("wasm", () => fit("gbdt", { ...params, threads: 2 }))).toBe(reference);
        // The helper's error event arrives once the fit has let go of the event loop; unheard, it
        // would be an uncaught exception.
        await vi.waitFor(
          () =>
            expect(errors).toHaveBeenCalledWith(
              "roundhouse: fit helper thread 0 stopped: injected fault at start (ROUNDHOUSE_FIT_HELPER_FAULT)",
            ),
          { timeout: 5_000 },
        );
      } finally {
        delete process.env.ROUNDHOUSE_FIT_HELPER_FAULT;
        delete process.env.ROUNDHOUSE_FIT_HELPER_WAIT_MS;
        errors.mockRestore();
      }
    });

    // Deep trees end in batches of small nodes whose children are both built: more histograms in
    // one batch than a helper has parts for (a 2-thread fit of depth 10 once failed on them).
    it("gbdt of deep trees on 2 threads: batches of small nodes, the 1-thread model file", () => {
      const params = { numTrees: 3, maxDepth: 11, minChildWeight: 0, seed: 6 };
      expect(withKernel("wasm", () => fit("gbdt", { ...params, threads: 2 }))).toBe(withKernel("wasm", () => fit("gbdt", params)));
    });

    it("gbdt with maxLeaves: best-first growth in the arena, one model file", () => {
      const params = { numTrees: 4, maxDepth: 10, maxLeaves: 24, seed: 2 };
      expect(withKernel("wasm", () => fit("gbdt", params))).toBe(withKernel("reference", () => fit("gbdt", params)));
    });

    it("random forest: wasm, generated and reference kernels, one model file", () => {
      const params = { numTrees: 4, maxDepth: 8, bootstrap: true, featuresPerSplit: 2, seed: 4 };
      const reference = withKernel("reference", () => fit("random_forest", params));
      expect(withKernel("generated", () => fit("random_forest", params))).toBe(reference);
      expect(withKernel("wasm", () => fit("random_forest", params))).toBe(reference);
    });
  });
});

/**
 * n rows × F features: a category (c0, 12 codes), a sparse column (x9, mostly 0), 5% missing values
 * everywhere, and a label from four of them.
 */
function wideData(n: number, F: number, seed: number) {
  const r = rng(seed);
  const columns = Array.from({ length: F }, (_, f) =>
    Float32Array.from({ length: n }, () =>
      r() < 0.05 ? Number.NaN : f === 0 ? Math.floor(r() * 12) : f === 9 && r() < 0.9 ? 0 : r() * 2 - 1,
    ),
  );
  const label = Float64Array.from({ length: n }, (_, i) => {
    const s = (columns[1]?.[i] ?? 0) * 2 - (columns[7]?.[i] ?? 0) + (columns[9]?.[i] ?? 0) + (((columns[0]?.[i] ?? 0) % 3) - 1);
    return r() < 1 / (1 + Math.exp(-(Number.isNaN(s) ? 0 : s))) ? 1 : 0;
  });
  const features = columns.map((_, f) =>
    f === 0
      ? { name: "c0", kind: "categorical" as const, categories: Array.from({ length: 12 }, (_, c) => `k${c}`) }
      : { name: `x${f}`, kind: "numeric" as const },
  );
  return { rows: n, features, columns, label };
}

describe("wide data", () => {
  const fitOn = (
    data: ReturnType<typeof wideData>,
    threads: number,
    params: Record<string, unknown> = { numTrees: 4, maxDepth: 5, seed: 3 },
  ) => sha(serializeModel(trainModel("gbdt", "binary", data, { ...params, threads }), { name: "y" }));

  // From 16 features the WebAssembly histogram is built feature by feature, eight at a time
  // (wasm/histogram.ts histogramByColumn), in blocks of 1,024 rows: 46 features (five groups of
  // eight, one of four and two alone), 55k rows in 63 bins so that a helper thread builds parts too,
  // and an odd count for a short last block.
  it("the feature-by-feature histogram grows the reference model, on 1 and 2 threads", () => {
    const data = wideData(55_001, 46, 29);
    const params = { numTrees: 4, maxDepth: 5, seed: 3, maxBins: 63 };
    expect(worthHelpers(data.rows, 46, fitBinning(data, 63).totalBins)).toBe(true);
    const reference = withKernel("reference", () => fitOn(data, 1, params));
    expect(withKernel("wasm", () => fitOn(data, 1, params))).toBe(reference);
    expect(withKernel("wasm", () => fitOn(data, 2, params))).toBe(reference);
  });

  // From 64 features two threads share a node's histogram by features (this thread features 0–31,
  // the helper 32–69: four groups of eight, one of four, two alone) and its split search by features
  // (split-jobs.ts).
  const wide = wideData(55_001, 70, 31);
  it("takes a helper for the wide data", () => {
    expect(worthHelpers(wide.rows, 70, fitBinning(wide, 255).totalBins)).toBe(true);
  });

  it("shared by features: histograms and split searches on 2 threads grow the reference model", () => {
    const reference = withKernel("reference", () => fitOn(wide, 1));
    expect(withKernel("wasm", () => fitOn(wide, 2))).toBe(reference);
  });

  it("runs on at most the machine's cores, whatever it is asked: the same model", () => {
    expect([fitThreads(1), fitThreads(2.7), fitThreads(0), fitThreads(10_000)]).toEqual([
      1,
      Math.min(2, availableParallelism()),
      1,
      availableParallelism(),
    ]);
    const params = { numTrees: 2, maxDepth: 4, seed: 3 };
    expect(withKernel("wasm", () => fitOn(wide, 1, params))).toBe(withKernel("wasm", () => fitOn(wide, 64, params)));
  });

  it("takes a helper from 10,000 rows with 1M row×features, or row×features 700 times the bins", () => {
    // 200k flights rows (6 features, 759 bins) take one; 50k rows and a 5,000-category table do not.
    expect([worthHelpers(200_000, 6, 759), worthHelpers(50_000, 6, 742), worthHelpers(200_000, 4, 5_515)]).toEqual([true, false, false]);
    expect([worthHelpers(100_000, 7, 1_000), worthHelpers(99_999, 7, 1_000)]).toEqual([true, false]);
    expect([worthHelpers(10_000, 100, 25_500), worthHelpers(10_000, 99, 25_245), worthHelpers(9_999, 1_000, 255_000)]).toEqual([
      true,
      false,
      false,
    ]);
    expect([worthHelpers(40_000, 25, 6_375), worthHelpers(40_000, 24, 6_120)]).toEqual([true, false]);
  });

  // A fit of few rows with 1M row×features takes a helper: 12k × 260 shares its histograms by
  // features, 48k × 63 by rows (under 64 features), both with rows dealt in blocks of fewer than 4,096.
  it.each([
    [12_000, 260],
    [48_000, 63],
  ])("%i rows × %i features take a helper and grow the reference model", (rows, F) => {
    const data = wideData(rows, F, 37);
    expect(worthHelpers(rows, F, fitBinning(data, 255).totalBins)).toBe(true);
    const params = { numTrees: 3, maxDepth: 5, seed: 3 };
    const reference = withKernel("reference", () => fitOn(data, 1, params));
    expect(withKernel("wasm", () => fitOn(data, 2, params))).toBe(reference);
  });

  it.each(["features", "splits"])("a helper that fails a %s job midway: the same model, finished on one thread", (job) => {
    const reference = withKernel("wasm", () => fitOn(wide, 1));
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    process.env.ROUNDHOUSE_FIT_HELPER_FAULT = job;
    process.env.ROUNDHOUSE_FIT_HELPER_WAIT_MS = "10000";
    try {
      expect(withKernel("wasm", () => fitOn(wide, 2))).toBe(reference);
      expect(errors).toHaveBeenCalledWith("roundhouse: fit helper thread 0 failed; going on with one thread");
    } finally {
      delete process.env.ROUNDHOUSE_FIT_HELPER_FAULT;
      delete process.env.ROUNDHOUSE_FIT_HELPER_WAIT_MS;
      errors.mockRestore();
    }
  });
});

describe("regression gradients", () => {
  it.each(["reg:absolute", "reg:huber"] as const)("%s: WebAssembly's gradients grow the model JavaScript's grow", (objective) => {
    const data = synthetic(20_000, "regression", 23);
    const fit = () =>
      sha(serializeModel(trainModel("gbdt", "regression", data, { numTrees: 8, maxDepth: 5, objective, huberDelta: 0.7 }), { name: "y" }));
    expect(withKernel("wasm", fit)).toBe(withKernel("reference", fit));
  });
});

describe("split finder", () => {
  it("WebAssembly's picks the split JavaScript's picks, over 240 categories with ties and missing values", () => {
    // Category effects in a few repeated levels, so many ratios tie up to their low bits and the sort's
    // tie order matters; 200+ categories so the sort runs its quicksort, not only its insertion sort.
    const n = 30_000;
    const r = rng(17);
    const airport = new Float32Array(n);
    const hour = new Float32Array(n);
    const label = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      airport[i] = Math.floor(r() ** 2 * 240);
      hour[i] = r() < 0.15 ? Number.NaN : Math.floor(r() * 24);
      const s = (((airport[i] as number) % 5) - 2) * 0.6 + (Number.isNaN(hour[i]) ? 1 : (hour[i] as number) / 12 - 1);
      label[i] = r() < 1 / (1 + Math.exp(-s)) ? 1 : 0;
    }
    const data = {
      rows: n,
      features: [
        { name: "airport", kind: "categorical" as const, categories: Array.from({ length: 240 }, (_, c) => `A${c}`) },
        { name: "hour", kind: "numeric" as const },
      ],
      columns: [airport, hour],
      label,
    };
    // Regularized as by default, and not at all (every category placed, ratios unsmoothed).
    const unregularized = { categorySmoothing: 0, categoryL2: 0, minCategoryWeight: 0 };
    const fit = (extra: object) => () =>
      sha(serializeModel(trainModel("gbdt", "binary", data, { numTrees: 30, maxDepth: 8, l2: 0, seed: 3, ...extra }), { name: "y" }));
    const reference = withKernel("reference", fit({}));
    const referenceUnregularized = withKernel("reference", fit(unregularized));
    expect(referenceUnregularized).not.toBe(reference);
    const model = trainModel("gbdt", "binary", data, { numTrees: 1, maxDepth: 2 });
    expect(JSON.stringify(model)).toContain('"categories":[');
    expect(withKernel("wasm", fit({}))).toBe(reference);
    expect(withKernel("wasm", fit(unregularized))).toBe(referenceUnregularized);
  });
});

describe("fit arena", () => {
  it("grows the same tree when its histogram slots run out and ordinary arrays take over", () => {
    const data = synthetic(8_000, "binary", 12);
    const binning = fitBinning(data, 64);
    const grow = (slots: number | null) => {
      const arena = slots === null ? null : createFitArena(binning, { n: data.rows, K: 0, helpers: 0, batch: 0, histogramSlots: slots });
      if (slots !== null) expect(arena).not.toBeNull();
      const binned = binRows(data, binning, arena);
      const gh = arena?.gh ?? new Float32Array(2 * data.rows);
      const rows = arena?.rows ?? new Uint32Array(data.rows);
      // Gradients on a 2^-10 grid, as quantized ones are, so every kernel's sums are exact.
      for (let i = 0; i < data.rows; i++) {
        gh[2 * i] = Math.round(((data.label[i] as number) - 0.3 + Math.sin(i) * 0.1) * 1024) / 1024;
        gh[2 * i + 1] = 0.25;
        rows[i] = i;
      }
      const params = {
        maxDepth: 7,
        maxLeaves: 0,
        minChildWeight: 1,
        minSplitGain: 0,
        l2: 1,
        shrinkage: 0.1,
        allowed: new Uint8Array(binned.F).fill(1),
        featuresPerSplit: 0,
        random: Math.random,
        minRowsLeaf: 0,
        arena,
      };
      const { tree } = growTree(binned, binning, gh, rows, data.rows, params, arena?.scratch ?? new Uint32Array(data.rows));
      return { tree, rows: Array.from(rows) };
    };
    const reference = withKernel("reference", () => grow(null));
    expect(reference.tree.left.filter((l) => l === -1).length).toBeGreaterThan(40);
    for (const slots of [1, 3, 20]) {
      const inArena = withKernel("wasm", () => grow(slots));
      expect(inArena.tree).toEqual(reference.tree);
      expect(inArena.rows).toEqual(reference.rows);
    }
  });
});
