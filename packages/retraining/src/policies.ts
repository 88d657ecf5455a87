// Setting a model's retraining policy: checked (cron, time zone, metric, spec) and audited with its
// before and after. Without a spec of its own, a policy copies the alias holder's spec with the
// dataset named by name at version "latest", so every run trains on the newest data, and with the
// features the holder learned from named.
import {
  headlineMetric,
  Invalid,
  metricsOfTask,
  NotFound,
  type RetrainingPolicyBody,
  type TrainingSpec,
  TrainingSpecSchema,
} from "@roundhouse/contracts";
import { resolveTrainingData } from "@roundhouse/data";
import { audit, type Db, type Prisma, type RequestContext } from "@roundhouse/db";
import { readModel } from "./holdout-scoring.ts";
import { toPolicyDto } from "./runs.ts";
import { nextSlot } from "./schedule.ts";

export async function setRetrainingPolicy(db: Db, ctx: RequestContext, modelName: string, body: RetrainingPolicyBody) {
  const model = await db.registeredModel.findUnique({ where: { name: modelName } });
  if (!model) throw new NotFound("Model", JSON.stringify(modelName));
  const spec = await onLatestData(db, body.spec ?? (await holderSpec(db, model.id, modelName, body.rule.alias)));
  if (spec.train.sweep) {
    throw new Invalid("A retraining policy trains one model: run the sweep by hand and put the winning parameters in the spec.", [
      { path: "spec.train.sweep", message: "not allowed in a retraining policy" },
    ]);
  }
  // The runs must register versions of this model: the job's name is the model's.
  spec.metadata = { ...spec.metadata, name: modelName, tags: [...new Set([...spec.metadata.tags, "retraining"])] };
  await resolveTrainingData(db, spec);
  const task = spec.train.task ?? (await taskOfModel(db, model.id));
  const metric = body.rule.metric ?? headlineMetric(task);
  if (task && !metricsOfTask(task).includes(metric)) {
    throw new Invalid(`A ${task} model is not scored by "${metric}"; choose one of ${metricsOfTask(task).join(", ")}.`, [
      { path: "rule.metric", message: "not a metric of the task" },
    ]);
  }
  if (body.triggers.schedule) nextSlot(body.triggers.schedule, body.triggers.timezone, new Date(), "triggers.schedule");
  const data = {
    enabled: body.enabled,
    spec: spec as unknown as Prisma.InputJsonValue,
    onNewData: body.triggers.newData,
    schedule: body.triggers.schedule,
    timezone: body.triggers.timezone,
    onDrift: body.triggers.drift,
    metric,
    minImprovement: body.rule.minImprovement,
    alias: body.rule.alias,
  };
  const saved = await db.$transaction(async (tx) => {
    // Two saves at once are serialized on the model's row: one creates, the other updates (and is
    // audited against what the first wrote) instead of failing on the unique model id.
    await tx.$queryRaw`SELECT id FROM registered_models WHERE id = ${model.id}::uuid FOR UPDATE`;
    const before = await tx.retrainingPolicy.findUnique({ where: { modelId: model.id } });
    const policy = await tx.retrainingPolicy.upsert({
      where: { modelId: model.id },
      create: { ...data, modelId: model.id, ownerId: ctx.actor.id as string },
      update: data,
    });
    await audit(tx, ctx, {
      action: before ? "retraining-policy.update" : "retraining-policy.create",
      entityType: "retraining-policy",
      entityId: policy.id,
      before: before ? auditView(before) : undefined,
      after: { model: modelName, ...auditView(policy) },
    });
    return policy;
  });
  const owner = await db.user.findUniqueOrThrow({ where: { id: saved.ownerId }, select: { email: true } });
  return toPolicyDto({ ...saved, owner }, modelName);
}

type PolicyRow = NonNullable<Awaited<ReturnType<Db["retrainingPolicy"]["findUnique"]>>>;

function auditView(p: PolicyRow) {
  return {
    enabled: p.enabled,
    triggers: { newData: p.onNewData, schedule: p.schedule, timezone: p.timezone, drift: p.onDrift },
    rule: { metric: p.metric, minImprovement: p.minImprovement, alias: p.alias },
    spec: p.spec,
  };
}

/**
 * The spec of the version holding `alias`, with the features that version learned from named: a
 * spec of "all columns except" leaves out ID-like and constant columns as each run finds them, and
 * new data can make a column look otherwise (an ID with copied rows became a feature of a retrained
 * version that leaked its holdout). Every run then learns from what the holder learned from.
 */
async function holderSpec(db: Db, modelId: string, modelName: string, alias: string): Promise<TrainingSpec> {
  const holder = await db.deployment.findUnique({
    where: { modelId_alias: { modelId, alias } },
    include: { modelVersion: { include: { artifact: true, run: { include: { job: true } } } } },
  });
  if (!holder) {
    throw new Invalid(`No version of ${modelName} holds "${alias}" to copy a spec from; send the spec to train with.`, [
      { path: "spec", message: "required while nothing holds the alias" },
    ]);
  }
  const spec = TrainingSpecSchema.parse(holder.modelVersion.run.job.spec);
  if (Array.isArray(spec.data.features)) return spec;
  const { artifact, artifactSha256 } = holder.modelVersion;
  const learned = (await readModel(artifact.path, artifactSha256)).features.map((f) => f.name);
  return { ...spec, data: { ...spec.data, features: learned } };
}

/** The spec with its dataset named by name at version "latest" (an exact version id is unpinned). */
async function onLatestData(db: Db, spec: TrainingSpec): Promise<TrainingSpec> {
  let dataset = spec.data.dataset;
  if (spec.data.datasetVersionId) {
    const version = await db.datasetVersion.findUnique({ where: { id: spec.data.datasetVersionId }, include: { dataset: true } });
    if (!version)
      throw new Invalid(`Dataset version ${spec.data.datasetVersionId} does not exist.`, [
        { path: "spec.data.datasetVersionId", message: "does not exist" },
      ]);
    dataset = version.dataset.name;
  }
  const { datasetVersionId: _pinned, ...data } = spec.data;
  return { ...spec, data: { ...data, dataset, version: "latest" } };
}

async function taskOfModel(db: Db, modelId: string): Promise<string | null> {
  const latest = await db.modelVersion.findFirst({ where: { modelId }, orderBy: { version: "desc" }, include: { run: true } });
  return latest?.run.task ?? null;
}
