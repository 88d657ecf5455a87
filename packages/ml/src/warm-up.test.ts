// The warm-up a training child runs while it waits (warm-up.ts) must leave its job's model as it
// would be in a fresh process, and its many-thread fits must take helper threads (or they warm
// nothing of theirs).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { syntheticTable } from "./test-data.ts";
import { takesHelpers } from "./tree/parallel-fit.ts";
import { PARALLEL_WARM_UP } from "./warm-up.ts";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

// A job's fits: one thread, and two threads on rows enough for a helper. Printed as SHA-256s.
const jobFits = `
import { createHash } from "node:crypto";
import { serializeModel } from ${JSON.stringify(here("./model/format.ts"))};
import { synthetic } from ${JSON.stringify(here("./test-data.ts"))};
import { trainModel } from ${JSON.stringify(here("./train-model.ts"))};
const sha = (m) => createHash("sha256").update(serializeModel(m, { name: "y" })).digest("hex");
const one = trainModel("gbdt", "regression", synthetic(5_000, "regression", 7), { numTrees: 40, maxDepth: 5, subsample: 0.8, seed: 3 });
const two = trainModel("gbdt", "binary", synthetic(30_000, "binary", 8), { numTrees: 40, maxDepth: 6, maxBins: 15, threads: 2 });
console.log(JSON.stringify([sha(one), sha(two)]));
`;
const run = (warm: boolean) => {
  const script = warm
    ? `import { warmUpSteps } from ${JSON.stringify(here("./warm-up.ts"))};\nfor (const s of warmUpSteps(2)) s.run();\n${jobFits}`
    : jobFits;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
  expect(child.stderr).toBe("");
  return JSON.parse(child.stdout) as string[];
};

describe("the learning engine's warm-up", () => {
  it("leaves a job's models the same bytes as in a process that did not warm up, on 1 and 2 threads", () => {
    const cold = run(false);
    expect(cold).toHaveLength(2);
    expect(run(true)).toEqual(cold);
  }, 120_000);

  it("fits its many-thread steps on data that takes helper threads", () => {
    expect(takesHelpers(syntheticTable(PARALLEL_WARM_UP.rows, PARALLEL_WARM_UP.shape, 301), PARALLEL_WARM_UP.maxBins)).toBe(true);
  });
});
