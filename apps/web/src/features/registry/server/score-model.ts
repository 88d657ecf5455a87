import "server-only";
// POST /api/v1/models/{name}/score: the request resolved to exact versions (the model version an
// alias or number names, the input dataset version) and checked against the input's columns
// before anything is queued; the job itself runs on the workers (packages/worker/src/score-job.ts).
import {
  type ColumnSchema,
  DatasetNameSchema,
  Invalid,
  type JobDto,
  NotFound,
  type ScoreRequest,
  type ScoringSpec,
} from "@roundhouse/contracts";
import { outputTaken, scoringProblems } from "@roundhouse/data";
import { db, enqueueJob, type RequestContext } from "@roundhouse/db";
import { getJob } from "@/features/jobs/server/jobs";

interface FeatureSchema {
  features: { name: string }[];
  classes: string[] | null;
  task: string;
}

export async function submitScoringJob(
  ctx: RequestContext,
  ownerId: string,
  modelName: string,
  req: ScoreRequest,
  idempotencyKey?: string,
): Promise<{ job: JobDto; created: boolean }> {
  const model = await db().registeredModel.findUnique({ where: { name: modelName }, select: { id: true } });
  if (!model) throw new NotFound("Model", modelName);
  const version = await modelVersionOf(model.id, modelName, req);
  const input = await inputVersionOf(req);

  const output = req.output ?? `${modelName}-scores`;
  if (!DatasetNameSchema.safeParse(output).success)
    throw new Invalid(`"${output}" cannot name a dataset; give output a name.`, [{ path: "output", message: "not a valid dataset name" }]);
  const taken = await db().dataset.findUnique({ where: { name: output }, select: { versions: { select: { sourceKind: true } } } });
  if (taken?.versions.some((v) => v.sourceKind !== "scored")) throw outputTaken(output);

  const schema = version.featureSchema as unknown as FeatureSchema;
  const problems = scoringProblems(
    input.schema as unknown as ColumnSchema[],
    schema.features.map((f) => f.name),
    req.idColumns,
    schema.task === "regression" ? undefined : (schema.classes ?? undefined),
  );
  if (problems.length) throw new Invalid(`The input cannot be scored: ${problems.map((p) => p.message).join("; ")}`, problems);

  const spec: ScoringSpec = {
    metadata: { name: req.name ?? `score-${modelName}-v${version.version}`, project: req.project, description: "", tags: ["scoring"] },
    score: {
      model: modelName,
      version: version.version,
      modelVersionId: version.id,
      datasetVersionId: input.id,
      output,
      idColumns: req.idColumns,
    },
    resources: req.resources,
  };
  const { job, created } = await enqueueJob(db(), ctx, { spec, ownerId, datasetVersionIds: [input.id], idempotencyKey });
  return { job: await getJob(job.id), created };
}

async function modelVersionOf(modelId: string, modelName: string, req: ScoreRequest) {
  if (req.alias) {
    const holder = await db().deployment.findUnique({
      where: { modelId_alias: { modelId, alias: req.alias } },
      include: { modelVersion: true },
    });
    if (!holder) throw new NotFound("Alias", `${modelName}@${req.alias}`);
    return holder.modelVersion;
  }
  const version = await db().modelVersion.findFirst({
    where: { modelId, ...(req.version !== undefined ? { version: req.version } : {}) },
    orderBy: { version: "desc" },
  });
  if (!version)
    throw new NotFound("Model version", req.version !== undefined ? `${modelName} v${req.version}` : `${modelName} (no versions)`);
  return version;
}

async function inputVersionOf(req: ScoreRequest) {
  const dataset = await db().dataset.findUnique({ where: { name: req.dataset }, select: { id: true } });
  if (!dataset) throw new NotFound("Dataset", req.dataset);
  const version = await db().datasetVersion.findFirst({
    where: { datasetId: dataset.id, ...(req.datasetVersion === "latest" ? {} : { version: req.datasetVersion }) },
    orderBy: { version: "desc" },
  });
  if (!version) throw new NotFound("Dataset version", `${req.dataset} v${req.datasetVersion}`);
  return version;
}

/** The same scoring again: the exact model and input versions (its output is found by content hash if it was made). */
export async function retryScoringJob(ctx: RequestContext, ownerId: string, original: JobDto & { spec: ScoringSpec }): Promise<JobDto> {
  const { job } = await enqueueJob(db(), ctx, {
    spec: original.spec,
    ownerId,
    datasetVersionIds: original.datasetVersionIds,
    retryOfJobId: original.id,
  });
  return getJob(job.id);
}
