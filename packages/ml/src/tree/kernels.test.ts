// Every histogram kernel grows the same trees: the generated kernel (histogram-kernel.ts) against
// the plain loop it replaced, on 1 and 2 threads, for boosting and forests, byte for byte.
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { serializeModel } from "../model/format.ts";
import { synthetic } from "../test-data.ts";
import { trainModel } from "../train-model.ts";
import { binRows, fitBinning } from "./binning.ts";
import { buildHistogram } from "./grow.ts";
import { histogramKernel } from "./histogram-kernel.ts";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const withKernel = <T>(variant: "generated" | "reference", fn: () => T): T => {
  process.env.ROUNDHOUSE_HISTOGRAM_KERNEL = variant;
  return fn();
};
afterEach(() => {
  delete process.env.ROUNDHOUSE_HISTOGRAM_KERNEL;
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
    // 60k rows so that two threads really share the work (each takes at least 25k rows).
    const data = synthetic(60_000, task, 31);
    const fit = (algorithm: "gbdt" | "random_forest", params: Record<string, unknown>) =>
      sha(serializeModel(trainModel(algorithm, task, data, params, { numClasses: 3 }), { name: "y" }));

    it("gbdt: generated and reference kernels, 1 and 2 threads, one model file", () => {
      const params = { numTrees: 6, maxDepth: 6, subsample: 0.8, seed: 5 };
      const reference = withKernel("reference", () => fit("gbdt", { ...params, threads: 1 }));
      expect(withKernel("generated", () => fit("gbdt", { ...params, threads: 1 }))).toBe(reference);
      expect(withKernel("generated", () => fit("gbdt", { ...params, threads: 2 }))).toBe(reference);
      expect(withKernel("reference", () => fit("gbdt", { ...params, threads: 2 }))).toBe(reference);
    });

    it("random forest: generated and reference kernels, one model file", () => {
      const params = { numTrees: 4, maxDepth: 8, bootstrap: true, featuresPerSplit: 2, seed: 4 };
      expect(withKernel("generated", () => fit("random_forest", params))).toBe(withKernel("reference", () => fit("random_forest", params)));
    });
  });
});
