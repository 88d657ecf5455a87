import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { TrainingSpecSchema, trainingSpecFromBody } from "./api/jobs.ts";
import { RetrainingPolicyBodySchema } from "./api/retraining.ts";
import { RoundhouseError } from "./errors.ts";
import { droppedFields, refuseUnknownFields } from "./unknown-fields.ts";

const spec = (data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  metadata: { name: "churn" },
  data: { dataset: "customers", label: "churned", ...data },
  train: { algorithm: "gbdt", params: { numTrees: 10 } },
  ...extra,
});

/** The problems a body's unknown fields get, or [] when it has none. */
function problemsOf(raw: unknown, parse: (raw: unknown) => unknown, schema?: z.ZodType) {
  try {
    refuseUnknownFields(raw, parse(raw), "body", schema);
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(RoundhouseError);
    expect((err as RoundhouseError).status).toBe(400);
    return (err as RoundhouseError).problems;
  }
}

describe("unknown fields in a request", () => {
  it("names each field a training spec would have ignored, by path, with the field meant", () => {
    const raw = spec(
      {
        features: { include: ["tenure", "plan"] },
        holdout: { kind: "random", fraction: 0.5, stratfy: true },
        filters: [{ column: "plan", op: "=", value: "pro", values: ["x"] }],
      },
      { resource: { cpu: 2 } },
    );
    expect(problemsOf(raw, trainingSpecFromBody)).toEqual([
      { path: "data.features.include", message: 'unknown field "include" (it would be ignored)' },
      { path: "data.holdout.stratfy", message: 'unknown field "stratfy": did you mean "stratify"? (it would be ignored)' },
      { path: "data.filters.0.values", message: 'unknown field "values": did you mean "value"? (it would be ignored)' },
      { path: "resource", message: 'unknown field "resource": did you mean "resources"? (it would be ignored)' },
    ]);
  });

  it("suggests a field the schema declares though the request left it out (optional ones, any option of a union)", () => {
    const raw = spec(
      { validaton: { fraction: 0.1 }, holdout: { kind: "random", fraction: 0.2, colum: "day" } },
      { train: { algorithm: "gbdt", tsk: "binary" } },
    );
    expect(problemsOf(raw, trainingSpecFromBody, TrainingSpecSchema)).toEqual([
      { path: "data.validaton", message: 'unknown field "validaton": did you mean "validation"? (it would be ignored)' },
      // "column" belongs to the other kind of holdout (dateRange): named, since the caller may have meant that one.
      { path: "data.holdout.colum", message: 'unknown field "colum": did you mean "column"? (it would be ignored)' },
      { path: "train.tsk", message: 'unknown field "tsk": did you mean "task"? (it would be ignored)' },
    ]);
  });

  it("passes a spec whose every field is known, defaults and parameters included", () => {
    const raw = spec({ features: { allExcept: ["id"] }, holdout: { kind: "random", fraction: 0.3, seed: 7 } }, { resources: { cpu: 2 } });
    expect(problemsOf(raw, trainingSpecFromBody)).toEqual([]);
    // Free-form maps keep every key: nothing in them is unknown.
    expect(droppedFields({ params: { a: 1, b: { c: 2 } } }, { params: { a: 1, b: { c: 2 } } })).toEqual([]);
  });

  it("finds fields inside a nested spec of another body (a retraining policy's)", () => {
    const raw = { spec: spec({ lable: "churned" }), rule: { minImprovement: 0.01 } };
    expect(problemsOf(raw, (r) => RetrainingPolicyBodySchema.parse(r))).toEqual([
      { path: "spec.data.lable", message: 'unknown field "lable": did you mean "label"? (it would be ignored)' },
    ]);
  });
});
