// A registered model with real model files for registry and serving tests: each version is a
// GBDT trained on the synthetic data of packages/ml (features x0, x1, color, noise; label
// "yes"/"no"), written to a folder and registered as the worker would.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TrainingSpecSchema } from "@roundhouse/contracts";
import { createUser, type Db, enqueueJob, type RequestContext, recordModelVersion, SYSTEM_ACTOR } from "@roundhouse/db";
import { evaluate, serializeModel, trainingProfile, trainModel } from "@roundhouse/ml";
import { synthetic } from "../packages/ml/src/test-data.ts";

export interface Person {
  id: string;
  email: string;
  ctx: RequestContext;
}

export async function person(db: Db, role: "engineer" | "approver" | "admin", tag: string): Promise<Person> {
  const email = `${role}-${tag}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const user = await createUser(db, { actor: SYSTEM_ACTOR }, { email, name: email, role, password: "0123456789ab" });
  return { id: user.id, email, ctx: { actor: { id: user.id, label: email } } };
}

/** Registers `count` new versions of `modelName` (numTrees grows with each, so they differ). */
export async function registerVersions(
  db: Db,
  owner: Person,
  modelName: string,
  count: number,
  { numTrees = 20, maxDepth = 4, rows = 2000 } = {},
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roundhouse-models-"));
  const spec = TrainingSpecSchema.parse({
    metadata: { name: modelName },
    data: { dataset: "d", label: "y" },
    train: { algorithm: "gbdt" },
  });
  const versions = [];
  for (let i = 0; i < count; i++) {
    const data = synthetic(rows, "binary", 40 + i);
    const model = trainModel("gbdt", "binary", data, { numTrees: numTrees + i * 5, maxDepth });
    const text = serializeModel(model, { name: "y", classes: ["no", "yes"] });
    const file = path.join(dir, `v${i}.json`);
    fs.writeFileSync(file, text);
    const sha256 = createHash("sha256").update(text).digest("hex");
    const { job } = await enqueueJob(db, owner.ctx, { spec, ownerId: owner.id, datasetVersionIds: [] });
    const run = await db.run.create({ data: { jobId: job.id, algorithm: "gbdt", task: "binary", params: {} } });
    const artifact = await db.artifact.create({
      data: { runId: run.id, kind: "model", path: file, byteSize: BigInt(text.length), sha256 },
    });
    versions.push(
      await db.$transaction((tx) =>
        recordModelVersion(tx, {
          modelName,
          ownerId: owner.id,
          runId: run.id,
          artifactId: artifact.id,
          artifactSha256: sha256,
          featureSchema: { features: model.features, label: "y", classes: ["no", "yes"], task: "binary", algorithm: "gbdt" },
          metrics: { auc: 0.9 + i / 100 },
          datasetVersionIds: [],
          // As the worker records it (here on the training rows themselves): drift is measured against it.
          trainingProfile: trainingProfile(data, evaluate(model, data).predictions, "binary", 2),
        }),
      ),
    );
  }
  return versions;
}

/** A valid row for the fixture's models. */
export const row = (i = 0) => ({ x0: (i % 40) / 10 - 2, x1: 0.5, color: ["red", "green", "blue"][i % 3], noise: 0.3 });
