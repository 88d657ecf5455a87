// Sweep trials finish together and register versions of one new model: each must get its own
// version number and none may fail on the model's unique name.
import { type TrainingSpec, TrainingSpecSchema } from "@roundhouse/contracts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase } from "../../../test/test-database.ts";
import { SYSTEM_ACTOR } from "./audit.ts";
import { createDb, type Db } from "./client.ts";
import { recordModelVersion } from "./model-versions.ts";
import { enqueueJob } from "./queue.ts";
import { createUser } from "./users.ts";

let scratch: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let ownerId: string;
const spec: TrainingSpec = TrainingSpecSchema.parse({
  metadata: { name: "together" },
  data: { dataset: "d", label: "y" },
  train: { algorithm: "gbdt" },
});

beforeAll(async () => {
  scratch = await createTestDatabase(inject("adminUrl"));
  db = createDb(scratch.url, 8);
  ownerId = (
    await createUser(db, { actor: SYSTEM_ACTOR }, { email: "mv@example.com", name: "M", role: "engineer", password: "0123456789" })
  ).id;
});
afterAll(async () => {
  await db.$disconnect();
  await scratch.drop();
});

describe("recordModelVersion", () => {
  it("gives 6 concurrent first versions of a new model the numbers 1 to 6", async () => {
    const { job } = await enqueueJob(db, { actor: SYSTEM_ACTOR }, { spec, ownerId, datasetVersionIds: [] });
    const runs = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const run = await db.run.create({ data: { jobId: job.id, algorithm: "gbdt", task: "binary", params: {} } });
        const artifact = await db.artifact.create({
          data: { runId: run.id, kind: "model", path: "x", byteSize: 1n, sha256: "0".repeat(64) },
        });
        return { run, artifact };
      }),
    );
    const versions = await Promise.all(
      runs.map(({ run, artifact }) =>
        db.$transaction((tx) =>
          recordModelVersion(tx, {
            modelName: "together",
            ownerId,
            runId: run.id,
            artifactId: artifact.id,
            artifactSha256: artifact.sha256,
            featureSchema: {},
            metrics: {},
            datasetVersionIds: [],
          }),
        ),
      ),
    );
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await db.registeredModel.count({ where: { name: "together" } })).toBe(1);
  });
});
