// The determinism promise: the same data, parameters and seed give the same model file, byte for
// byte, for every algorithm and task, with row and feature sampling on, on 1 or 2 threads. 60k rows
// so that two threads really split the histogram work (each takes at least 25k rows), in 63 bins so
// that 4 features are enough work per bin for a helper (parallel-fit.ts worthHelpers).
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { serializeModel } from "./model/format.ts";
import { synthetic } from "./test-data.ts";
import { trainModel } from "./train-model.ts";

const data = {
  binary: synthetic(60_000, "binary", 21),
  regression: synthetic(60_000, "regression", 22),
  multiclass: synthetic(60_000, "multiclass", 23),
};
const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const sampled = { numTrees: 8, maxDepth: 5, subsample: 0.7, colsampleByTree: 0.5, seed: 9, maxBins: 63 };

describe.each(["binary", "regression", "multiclass"] as const)("%s", (task) => {
  const fit = (algorithm: Parameters<typeof trainModel>[0], params: Record<string, unknown>) =>
    sha(serializeModel(trainModel(algorithm, task, data[task], params, { numClasses: 3 }), { name: "y" }));

  it("gbdt with subsample and colsampleByTree: one file on 1 thread, 2 threads, and again", () => {
    const one = fit("gbdt", { ...sampled, threads: 1 });
    expect(fit("gbdt", { ...sampled, threads: 2 })).toBe(one);
    expect(fit("gbdt", { ...sampled, threads: 2 })).toBe(one);
    expect(fit("gbdt", { ...sampled, threads: 1, seed: 10 })).not.toBe(one);
  });

  it("gbdt after a fit of larger, other data, whose memory the next fit takes over: the same file", () => {
    const one = fit("gbdt", { ...sampled, threads: 1 });
    const other = synthetic(90_000, task, 31);
    trainModel("gbdt", task, other, { ...sampled, threads: 2, maxBins: 255 }, { numClasses: 3 });
    expect(fit("gbdt", { ...sampled, threads: 2 })).toBe(one);
    trainModel("random_forest", task, other, { numTrees: 2 }, { numClasses: 3 });
    expect(fit("gbdt", { ...sampled, threads: 1 })).toBe(one);
  });

  it("random forest with bootstrap and a feature subset per split: the same file twice", () => {
    const params = { numTrees: 5, maxDepth: 6, bootstrap: true, featuresPerSplit: 2, seed: 4 };
    expect(fit("random_forest", params)).toBe(fit("random_forest", params));
  });

  it.runIf(task !== "regression")("logistic regression: the same file twice", () => {
    expect(fit("logistic_regression", {})).toBe(fit("logistic_regression", {}));
  });

  it.runIf(task === "regression")("linear regression: the same file twice", () => {
    expect(fit("linear_regression", {})).toBe(fit("linear_regression", {}));
  });
});
