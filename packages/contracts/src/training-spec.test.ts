import { describe, expect, it } from "vitest";
import { parseTrainingSpec, TrainingSpecSchema } from "./api/jobs.ts";

describe("parseTrainingSpec", () => {
  it("reports parameter problems together with the rest of the spec's", () => {
    const result = parseTrainingSpec({
      metadata: { name: "" },
      data: { dataset: "flights", label: "delayed" },
      train: { algorithm: "gbdt", params: { learningRate: 1.5, depth: 3 } },
    });
    expect(result.success).toBe(false);
    const paths = result.success ? [] : result.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["metadata.name", "train.params.learningRate", "train.params.depth"]));
  });

  it("fills in defaults for a valid spec", () => {
    const result = parseTrainingSpec({
      metadata: { name: "delays" },
      data: { dataset: "flights", label: "delayed" },
      train: { algorithm: "gbdt", params: { numTrees: 10 } },
    });
    expect(result.success && result.data.train.params).toMatchObject({ numTrees: 10, maxDepth: 6, learningRate: 0.1 });
  });
});

describe("early stopping", () => {
  const spec = (data: Record<string, unknown>) => ({
    metadata: { name: "es" },
    data: { dataset: "flights", label: "delayed", ...data },
    train: { algorithm: "gbdt", params: { earlyStoppingRounds: 20 } },
  });

  it("refuses earlyStoppingRounds without a validation set, saying how to fix it", () => {
    const r = TrainingSpecSchema.safeParse(spec({}));
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([
      expect.objectContaining({ path: ["data", "validation"], message: expect.stringMatching(/add data.validation \{ fraction: 0.1 \}/) }),
    ]);
  });

  it("takes it with a validation fraction", () => {
    expect(TrainingSpecSchema.safeParse(spec({ validation: { fraction: 0.1 } })).success).toBe(true);
  });
});

describe("resources.pool", () => {
  const spec = (pool: unknown) => ({
    metadata: { name: "pooled" },
    data: { dataset: "flights", label: "delayed" },
    train: { algorithm: "gbdt" },
    resources: { pool },
  });

  it("defaults to the default pool and keeps a named one", () => {
    const plain = parseTrainingSpec({ ...spec("x"), resources: {} });
    expect(plain.success && plain.data.resources.pool).toBe("default");
    const gpu = parseTrainingSpec(spec("gpu-large"));
    expect(gpu.success && gpu.data.resources.pool).toBe("gpu-large");
  });

  it.each(["GPU", "", "a b", "x".repeat(41), 7])("refuses pool %j at resources.pool", (pool) => {
    const r = parseTrainingSpec(spec(pool));
    expect(r.success ? [] : r.problems.map((p) => p.path)).toEqual(["resources.pool"]);
  });
});
