// Exclusive feature bundling (feature-bundles.ts) changes how node histograms are built, never what
// they hold: the model files of fits with and without it are the same, byte for byte, with every
// kernel, on 1 and 2 threads.
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { type Dataset, rng } from "../dataset.ts";
import { quantizeGradients } from "../gbdt/quantize.ts";
import { serializeModel } from "../model/format.ts";
import { trainModel } from "../train-model.ts";
import { binRows, fitBinning } from "./binning.ts";
import { bundleFeatures, bundleRoom, plannedColumns, restoreDefaults } from "./feature-bundles.ts";
import { buildHistogram } from "./histogram-kernel.ts";
import { worthHelpers } from "./parallel-fit.ts";

/**
 * `dense` numeric features (x1 with 15% missing), then a one-hot block of `levels` columns (0/1,
 * one hot per row, a fifth of rows with none), then "a" and "b": sparse, but both non-zero in some
 * rows (they may not share a column), then "m": mostly missing, which is its usual bin.
 */
function oneHotData(n: number, dense: number, levels: number, seed: number): Dataset {
  const r = rng(seed);
  const F = dense + levels + 3;
  const columns = Array.from({ length: F }, () => new Float32Array(n));
  const label = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < dense; f++) (columns[f] as Float32Array)[i] = f === 1 && r() < 0.15 ? Number.NaN : r() * 4 - 2;
    const hot = r() < 0.2 ? -1 : Math.floor(r() * levels);
    if (hot >= 0) (columns[dense + hot] as Float32Array)[i] = 1;
    const a = r() < 0.1 ? r() * 3 : 0;
    const b = r() < 0.1 ? r() * 3 : 0;
    (columns[dense + levels] as Float32Array)[i] = a;
    (columns[dense + levels + 1] as Float32Array)[i] = b;
    (columns[dense + levels + 2] as Float32Array)[i] = r() < 0.8 ? Number.NaN : r();
    const s = (columns[0]?.[i] ?? 0) + (hot >= 0 ? ((hot * 7) % 5) - 2 : 1) + a - b;
    label[i] = r() < 1 / (1 + Math.exp(-s)) ? 1 : 0;
  }
  const features = columns.map((_, f) => ({ name: `f${f}`, kind: "numeric" as const }));
  return { rows: n, features, columns, label };
}

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const fit = (data: Dataset, env: { kernel: string; bundles: "on" | "off" }, params: Record<string, unknown>) => {
  process.env.ROUNDHOUSE_FIT_KERNEL = env.kernel;
  process.env.ROUNDHOUSE_FEATURE_BUNDLES = env.bundles;
  return sha(serializeModel(trainModel("gbdt", "binary", data, params), { name: "y" }));
};
afterEach(() => {
  delete process.env.ROUNDHOUSE_FIT_KERNEL;
  delete process.env.ROUNDHOUSE_FEATURE_BUNDLES;
});

describe("exclusive feature bundling", () => {
  const data = oneHotData(6_000, 3, 12, 7);
  const binning = fitBinning(data, 64);
  const binned = binRows(data, binning);

  it("bundles the one-hot block and keeps conflicting features apart", () => {
    const columns = bundleFeatures(binned, binning);
    expect(columns).not.toBeNull();
    const bundled = columns?.bundles.map((b) => b.features) ?? [];
    // Every one-hot level is in a bundle; "a" and "b" (both non-zero in some rows) never together.
    const levels = Array.from({ length: 12 }, (_, j) => 3 + j);
    expect(levels.every((f) => bundled.some((b) => b.includes(f)))).toBe(true);
    expect(bundled.some((b) => b.includes(15) && b.includes(16))).toBe(false);
    // The dense features are columns of their own.
    expect(bundled.some((b) => b.includes(0) || b.includes(1) || b.includes(2))).toBe(false);
    expect(columns?.F).toBeLessThan(binned.F - 10);
    // The plan (from binning's sample, before the rows are binned) keeps room for at least as many.
    expect(plannedColumns(binning)).toBeLessThanOrEqual(columns?.F ?? 0);
  });

  it("a node's histogram from bundled columns, defaults restored, is the feature-by-feature one, bin for bin", () => {
    const columns = bundleFeatures(binned, binning);
    if (!columns) throw new Error("nothing bundled");
    const r = rng(3);
    const gh = new Float32Array(2 * data.rows).map((_, i) => (i % 2 ? r() : r() * 4 - 2));
    quantizeGradients(gh, data.rows);
    const rows = Uint32Array.from({ length: data.rows }, (_, i) => i).filter((i) => i % 5 !== 2);
    const expected = new Float64Array(binning.totalBins * 2);
    const actual = new Float64Array(binning.totalBins * 2);
    buildHistogram(expected, binned, binning, gh, rows, 11, rows.length - 3);
    buildHistogram(actual, columns, columns, gh, rows, 11, rows.length - 3);
    expect(actual).not.toEqual(expected);
    restoreDefaults(actual, binning, columns.bundles);
    expect(actual).toEqual(expected);
  });

  it("keeps room for a half more columns than planned; bundles that need more than the room are not made", () => {
    expect([bundleRoom(null, 50), bundleRoom(6, 50), bundleRoom(20, 50), bundleRoom(20, 24)]).toEqual([null, 10, 30, 23]);
    const arrays = () => {
      throw new Error("no arrays for bundles that do not fit");
    };
    expect(bundleFeatures(binned, binning, { columns: 2, arrays })).toBeNull();
  });

  it("nothing to bundle among dense features: no bundles, no room planned", () => {
    const dense = oneHotData(2_000, 5, 0, 3);
    dense.features = dense.features.slice(0, 5);
    dense.columns = dense.columns.slice(0, 5);
    const b = fitBinning(dense, 64);
    expect(plannedColumns(b)).toBeNull();
    expect(bundleFeatures(binRows(dense, b), b)).toBeNull();
  });

  // 55k rows: two threads share every job. Few columns after bundling: histograms by rows.
  it.each([
    ["by rows", oneHotData(55_001, 4, 30, 11), { numTrees: 5, maxDepth: 6, seed: 2 }],
    ["with row sampling", oneHotData(55_001, 4, 30, 12), { numTrees: 5, maxDepth: 6, seed: 2, subsample: 0.7 }],
    // 12k × 300 (270 dense): histograms and split searches shared by features on two threads.
    ["shared by features", oneHotData(12_000, 270, 27, 13), { numTrees: 3, maxDepth: 5, seed: 2 }],
  ] as const)("%s: the model without bundling, byte for byte, with every kernel on 1 and 2 threads", (_, set, params) => {
    expect(worthHelpers(set.rows, set.features.length, fitBinning(set, 255).totalBins)).toBe(true);
    const reference = fit(set, { kernel: "reference", bundles: "off" }, { ...params, threads: 1 });
    for (const kernel of ["wasm", "generated", "reference"])
      for (const threads of [1, 2])
        expect(fit(set, { kernel, bundles: "on" }, { ...params, threads }), `${kernel}, ${threads}`).toBe(reference);
    expect(fit(set, { kernel: "wasm", bundles: "off" }, { ...params, threads: 2 })).toBe(reference);
  });
});
