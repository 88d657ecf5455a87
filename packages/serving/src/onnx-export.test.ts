import { type Algorithm, modelToOnnx, ONNX_INPUT, trainModel } from "@roundhouse/ml";
import * as ort from "onnxruntime-node";
import { describe, expect, test } from "vitest";
import { synthetic } from "../../ml/src/test-data.ts";
import { exportOnnx, ONNX_TOLERANCE, onnxDifference } from "./onnx-export.ts";

const cases: [Algorithm, "binary" | "multiclass" | "regression"][] = [
  ["gbdt", "binary"],
  ["gbdt", "multiclass"],
  ["gbdt", "regression"],
  ["random_forest", "binary"],
  ["random_forest", "multiclass"],
  ["random_forest", "regression"],
  ["logistic_regression", "binary"],
  ["logistic_regression", "multiclass"],
  ["linear_regression", "regression"],
];

describe("ONNX export", () => {
  test.each(cases)("%s (%s) scores unseen rows as the engine does, through onnxruntime", async (algorithm, task) => {
    const model = trainModel(algorithm, task, synthetic(3000, task, 3), algorithm === "random_forest" ? { numTrees: 20 } : {}, {
      numClasses: 3,
    });
    const exported = await exportOnnx(model, { name: "y" }, { "roundhouse.model": "churn v1" });
    expect(exported.maxDifference).toBeLessThanOrEqual(ONNX_TOLERANCE);
    // Rows it was not checked on, with missing x0 and every colour.
    const holdout = synthetic(2000, task, 99);
    expect(await onnxDifference(model, exported.bytes, holdout.columns as Float32Array[])).toBeLessThan(1e-6);

    const session = await ort.InferenceSession.create(exported.bytes);
    expect(session.inputNames).toEqual([ONNX_INPUT]);
    expect(session.outputNames).toEqual(task === "regression" ? ["variable"] : ["label", "probabilities"]);
    await session.release();
  });

  test("categorical splits become BRANCH_EQ chains that send missing values where the engine does", async () => {
    const model = trainModel("gbdt", "binary", synthetic(3000, "binary", 3));
    const categorical = model.algorithm === "gbdt" ? model.trees.flatMap((t) => t.categories.filter((c) => c)) : [];
    expect(categorical.length).toBeGreaterThan(0);
    expect(new TextDecoder().decode(modelToOnnx(model, { name: "y" }))).toContain("BRANCH_EQ");
    const rows = synthetic(500, "binary", 7).columns as Float32Array[];
    (rows[2] as Float32Array).fill(Number.NaN, 0, 250);
    (rows[2] as Float32Array).fill(3, 250); // a colour it never saw
    expect(await onnxDifference(model, modelToOnnx(model, { name: "y" }), rows)).toBeLessThan(1e-6);
  });

  test("the check fails when the ONNX graph is not this model's", async () => {
    const a = trainModel("gbdt", "binary", synthetic(2000, "binary", 1));
    const b = trainModel("gbdt", "binary", synthetic(2000, "binary", 2), { learningRate: 0.5 });
    expect(await onnxDifference(a, modelToOnnx(b, { name: "y" }), synthetic(500, "binary", 5).columns as Float32Array[])).toBeGreaterThan(
      ONNX_TOLERANCE,
    );
  });
});
