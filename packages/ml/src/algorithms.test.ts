import { describe, expect, it } from "vitest";
import { explainRow, featureImportance } from "./explain/explain.ts";
import { deserializeModel, ModelFormatError, serializeModel } from "./model/format.ts";
import { createPredictor, type Model, predictAll } from "./model/model.ts";
import { nativeModel } from "./model/onnx-model.ts";
import { synthetic } from "./test-data.ts";
import { evaluate, trainModel } from "./train-model.ts";
import { Cancelled, InvalidParams, type IterationReport } from "./training.ts";

const train = {
  binary: synthetic(6000, "binary", 1),
  regression: synthetic(6000, "regression", 2),
  multiclass: synthetic(6000, "multiclass", 3),
};
const test = {
  binary: synthetic(3000, "binary", 11),
  regression: synthetic(3000, "regression", 12),
  multiclass: synthetic(3000, "multiclass", 13),
};

const cases = [
  ["gbdt", "binary", { numTrees: 60, maxDepth: 4 }, (m: Record<string, number>) => expect(m.auc).toBeGreaterThan(0.9)],
  ["gbdt", "regression", { numTrees: 100, maxDepth: 4 }, (m: Record<string, number>) => expect(m.r2).toBeGreaterThan(0.97)],
  ["gbdt", "multiclass", { numTrees: 40, maxDepth: 4 }, (m: Record<string, number>) => expect(m.accuracy).toBeGreaterThan(0.9)],
  ["random_forest", "binary", { numTrees: 30 }, (m: Record<string, number>) => expect(m.auc).toBeGreaterThan(0.88)],
  ["random_forest", "regression", { numTrees: 30 }, (m: Record<string, number>) => expect(m.r2).toBeGreaterThan(0.9)],
  ["random_forest", "multiclass", { numTrees: 30 }, (m: Record<string, number>) => expect(m.accuracy).toBeGreaterThan(0.85)],
  ["logistic_regression", "binary", {}, (m: Record<string, number>) => expect(m.auc).toBeGreaterThan(0.9)],
  ["logistic_regression", "multiclass", {}, (m: Record<string, number>) => expect(m.accuracy).toBeGreaterThan(0.85)],
  ["linear_regression", "regression", {}, (m: Record<string, number>) => expect(m.r2).toBeGreaterThan(0.95)],
] as const;

describe.each(cases)("%s (%s)", (algorithm, task, params, check) => {
  const model = trainModel(algorithm, task, train[task], params, { numClasses: 3 });

  it("learns the known function, missing values and categories included", () => {
    check(evaluate(model, test[task]).metrics as Record<string, number>);
  });

  it("is deterministic: same data, parameters and seed give a byte-identical model file", () => {
    const again = trainModel(algorithm, task, train[task], params, { numClasses: 3 });
    expect(serializeModel(again, { name: "y" })).toBe(serializeModel(model, { name: "y" }));
  });

  it("explains a prediction: contributions plus bias add up to the raw score", () => {
    const x = [0.7, -1.2, 1, 0.3];
    const e = explainRow(model, x);
    const raw = rawScores(model, x);
    e.bias.forEach((b, k) => {
      expect(b + (e.contributions[k] as number[]).reduce((s, c) => s + c, 0)).toBeCloseTo(raw[k] as number, 6);
    });
    expect(featureImportance(model)[0]?.feature).not.toBe("noise");
  });

  it("round-trips through the model file and predicts the same", () => {
    const doc = deserializeModel(serializeModel(model, { name: "y", classes: ["a", "b", "c"] }));
    expect(doc.label.classes).toEqual(["a", "b", "c"]);
    const before = predictAll(model, test[task].columns, 200);
    const after = predictAll(nativeModel(doc.model, "predictAll"), test[task].columns, 200);
    expect(Array.from(after)).toEqual(Array.from(before));
  });
});

/** Raw scores (before sigmoid/softmax; the averaged leaves for forests) to check explanations against. */
function rawScores(model: Model, x: number[]): number[] {
  if (model.algorithm === "random_forest") return unnormalizedForest(model, x);
  const out = Array.from(createPredictor(model)(x));
  if (model.task === "binary") return [Math.log((out[0] as number) / (1 - (out[0] as number)))];
  if (model.task === "multiclass") {
    // Softmax is shift-invariant: compare log-probabilities centred like the raw scores.
    const e = explainRow(model, x);
    const raw = e.bias.map((b, k) => b + (e.contributions[k] as number[]).reduce((s, c) => s + c, 0));
    const logp = out.map((p) => Math.log(p));
    const shift = (raw[0] as number) - (logp[0] as number);
    return logp.map((l) => l + shift);
  }
  return out;
}

/** A forest's averaged leaf values per output, before multiclass normalization. */
function unnormalizedForest(model: Model, x: number[]): number[] {
  if (model.algorithm !== "random_forest") return [];
  const K = model.outputs;
  const sums = new Array<number>(K).fill(0);
  model.trees.forEach((t, i) => {
    let node = 0;
    while (t.left[node] !== -1) {
      const v = x[t.feature[node] as number] as number;
      const set = t.categories[node];
      const left = Number.isNaN(v) ? t.defaultLeft[node] === 1 : set ? set.includes(v) : v <= (t.threshold[node] as number);
      node = (left ? t.left[node] : t.right[node]) as number;
    }
    sums[i % K] = (sums[i % K] as number) + (t.value[node] as number);
  });
  return sums.map((s) => (s * K) / model.trees.length);
}

describe("model files", () => {
  const model = trainModel("gbdt", "binary", train.binary, { numTrees: 5 });
  const text = serializeModel(model, { name: "y", classes: ["no", "yes"] }, { rows: 6000 });

  it("says what is wrong with a corrupt or foreign file", () => {
    expect(() => deserializeModel(text.replace('"learningRate":0.1', '"learningRate":0.2'))).toThrow(ModelFormatError);
    expect(() => deserializeModel(text.replace('"learningRate":0.1', '"learningRate":0.2'))).toThrow(/checksum does not match/);
    expect(() => deserializeModel('{"hello": "world"}')).toThrow(/not a Roundhouse model file/);
    expect(() => deserializeModel("PK\u0003\u0004 zip bytes")).toThrow(/not JSON/);
    expect(() => deserializeModel(text.replace('"formatVersion":1', '"formatVersion":9'))).toThrow(/format version 9/);
  });

  it("describes itself: features, types, categories, label classes, algorithm and parameters", () => {
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({
      format: "roundhouse-model",
      formatVersion: 1,
      algorithm: "gbdt",
      task: "binary",
      label: { classes: ["no", "yes"] },
      training: { rows: 6000 },
    });
    expect(doc.features[2]).toEqual({ name: "color", kind: "categorical", categories: ["red", "green", "blue"] });
    expect(doc.model.params).toMatchObject({ numTrees: 5, maxDepth: 6, learningRate: 0.1 });
  });
});

describe("training control", () => {
  it("reports train and validation loss every iteration and stops early when validation stops improving", () => {
    const reports: IterationReport[] = [];
    const model = trainModel(
      "gbdt",
      "binary",
      train.binary,
      { numTrees: 400, learningRate: 0.3, earlyStoppingRounds: 5 },
      { valid: test.binary, trainLossEvery: 1, onIteration: (r) => reports.push(r) },
    );
    expect(reports[0]).toMatchObject({ iteration: 1, trainLoss: expect.any(Number), validLoss: expect.any(Number) });
    expect((reports.at(-1)?.trainLoss as number) < (reports[0]?.trainLoss as number)).toBe(true);
    expect(reports.length).toBeLessThan(400);
    expect(model.algorithm === "gbdt" && model.bestIteration).toBe(reports.length - 5);
  });

  it("computes the train loss every k-th iteration, the first and the last (about 50 points a fit), the validation loss every one", () => {
    const reports: IterationReport[] = [];
    trainModel("gbdt", "binary", train.binary, { numTrees: 202 }, { valid: test.binary, onIteration: (r) => reports.push(r) });
    const withLoss = reports.filter((r) => r.trainLoss !== undefined).map((r) => r.iteration);
    // Every 5th, the first and the last; a slow machine adds one at least every 250 ms.
    expect(withLoss).toEqual(expect.arrayContaining([1, ...Array.from({ length: 40 }, (_, i) => 5 * (i + 1)), 202]));
    expect(withLoss.length).toBeLessThan(202);
    expect(reports.every((r) => r.validLoss !== undefined)).toBe(true);
    expect(reports).toHaveLength(202);
  });

  it("stops when cancelled", () => {
    const controller = new AbortController();
    expect(() =>
      trainModel(
        "gbdt",
        "binary",
        train.binary,
        { numTrees: 100 },
        { signal: controller.signal, onIteration: (r) => r.iteration === 3 && controller.abort() },
      ),
    ).toThrow(Cancelled);
  });

  it("rejects parameters out of range, naming them", () => {
    expect(() => trainModel("gbdt", "binary", train.binary, { maxDepth: 0 })).toThrow(InvalidParams);
    expect(() => trainModel("gbdt", "binary", train.binary, { learningRate: 5 })).toThrow(/params\.learningRate/);
    expect(() => trainModel("linear_regression", "binary", train.binary)).toThrow(/use logistic_regression/);
  });
});

describe("parallel histograms", () => {
  it("train the same trees with 2 threads, deterministically", () => {
    // Above 2 × 25,000 rows and in 63 bins, so the root histograms really are split between the threads.
    const data = synthetic(60_000, "binary", 5);
    const one = trainModel("gbdt", "binary", data, { numTrees: 5, threads: 1, maxBins: 63 });
    const two = trainModel("gbdt", "binary", data, { numTrees: 5, threads: 2, maxBins: 63 });
    const twoAgain = trainModel("gbdt", "binary", data, { numTrees: 5, threads: 2, maxBins: 63 });
    expect(serializeModel(twoAgain, { name: "y" })).toBe(serializeModel(two, { name: "y" }));
    // Sums taken in another order may differ in the last bits, never in the splits.
    if (one.algorithm === "gbdt" && two.algorithm === "gbdt") {
      expect(two.trees.map((t) => Array.from(t.feature))).toEqual(one.trees.map((t) => Array.from(t.feature)));
      expect(two.trees.map((t) => Array.from(t.splitBin))).toEqual(one.trees.map((t) => Array.from(t.splitBin)));
    }
  });
});

describe("linear importance", () => {
  it("is |coefficient × feature std|, the spread of each feature's contribution over the training rows", () => {
    const model = trainModel("linear_regression", "regression", train.regression, {});
    const by = new Map(featureImportance(model, train.regression).map((f) => [f.feature, f.gain]));
    // Score = 1.5·x0 − x1 + color effect: x1 ~ U(-2, 2) has std 4/√12 and coefficient −1.
    expect(by.get("x1")).toBeCloseTo(4 / Math.sqrt(12), 1);
    // color takes 0, +2, −1 equally often: std √(5/3 − 1/9).
    expect(by.get("color")).toBeCloseTo(Math.sqrt(5 / 3 - 1 / 9), 1);
    expect(by.get("noise")).toBeLessThan(0.05);
  });
});
