import { z } from "zod";
import { Invalid } from "../errors.ts";
import { JobStatusSchema } from "../job-status.ts";
import { PARAMS_SCHEMAS } from "./algorithm-params.ts";
import { DatasetNameSchema, HoldoutSchema, PredicateSchema } from "./datasets.ts";
import { SweepSchema, sweepTrialParams } from "./sweep.ts";

import { AlgorithmSchema, TaskSchema } from "./task.ts";
import { paramsProblems, WorkflowRefSchema } from "./workflows.ts";

export { AlgorithmSchema, TaskSchema };

/** One JSON document, shaped like Railyard's request: what to learn from, how, and with what. */
/** What a job's process may use; the defaults are also what the worker's warm process is started with. */
export const DEFAULT_RESOURCES = { cpu: 1, memoryMb: 2048, timeoutSeconds: 3600, priority: 0, pool: "default" };
/** A worker pool's name: workers serve pools (ROUNDHOUSE_WORKER_POOLS), jobs name one. */
export const PoolNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: "a pool name is 1-40 lower-case letters, digits or dashes" });
/** A worker's host name as the Jobs and Workers pages show it (a DNS-like name; no spaces or control characters). */
export const WorkerHostSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/, { error: "a host name is 1-253 letters, digits, dots, dashes or underscores" });
export const ResourcesSchema = z
  .object({
    cpu: z.number().int().min(1).max(16).default(DEFAULT_RESOURCES.cpu),
    memoryMb: z.number().int().min(256).max(65_536).default(DEFAULT_RESOURCES.memoryMb),
    timeoutSeconds: z
      .number()
      .int()
      .min(10)
      .max(7 * 24 * 3600)
      .default(DEFAULT_RESOURCES.timeoutSeconds),
    priority: z.number().int().min(-100).max(100).default(DEFAULT_RESOURCES.priority),
    pool: PoolNameSchema.default(DEFAULT_RESOURCES.pool).meta({ description: "The worker pool that runs the job (workers serve pools)" }),
  })
  .default(() => ({ ...DEFAULT_RESOURCES }));

export const TrainingSpecSchema = z
  .object({
    metadata: z.object({
      name: z.string().trim().min(1, { error: "Name the job" }).max(120),
      project: z.string().trim().min(1).max(80).default("default"),
      description: z.string().max(2000).default(""),
      tags: z.array(z.string().min(1).max(40)).max(20).default([]),
    }),
    data: z
      .object({
        datasetVersionId: z.uuid().optional().meta({ description: "An exact dataset version" }),
        dataset: z.string().min(1).optional().meta({ description: "Or a dataset by name, with version" }),
        version: z.union([z.literal("latest"), z.number().int().min(1)]).default("latest"),
        filters: z.array(PredicateSchema).default([]),
        label: z.string().min(1, { error: "Choose the label column" }),
        features: z
          .union([z.array(z.string().min(1)).min(1), z.object({ allExcept: z.array(z.string()).default([]) })])
          .default({ allExcept: [] })
          .meta({ description: "Feature columns, or every column except the label and these" }),
        dateColumn: z.string().optional(),
        holdout: HoldoutSchema.default({ kind: "random", fraction: 0.2, seed: 42, stratify: false }),
        validation: z
          .object({ fraction: z.number().gt(0).lt(0.5) })
          .optional()
          .meta({ description: "Held out of training for early stopping" }),
      })
      .refine((d) => d.datasetVersionId || d.dataset, {
        error: "Name a dataset version (datasetVersionId) or a dataset (dataset + version)",
        path: ["datasetVersionId"],
      }),
    train: z.object({
      workflow: WorkflowRefSchema,
      algorithm: AlgorithmSchema.optional().meta({ description: "The built-in algorithm (workflow builtin)" }),
      task: TaskSchema.optional().meta({ description: "Inferred from the label when omitted" }),
      params: z.record(z.string(), z.unknown()).default({}),
      sweep: SweepSchema.optional().meta({ description: "Train one job per parameter combination and pick the best by the objective" }),
    }),
    resources: ResourcesSchema,
  })
  .superRefine((spec, ctx) => {
    if (spec.train.workflow === "builtin" && !spec.train.algorithm)
      ctx.addIssue({ code: "custom", path: ["train", "algorithm"], message: "Choose an algorithm (or a workflow in train.workflow)" });
    if (spec.train.workflow !== "builtin" && spec.train.algorithm)
      ctx.addIssue({
        code: "custom",
        path: ["train", "algorithm"],
        message: `the workflow ${spec.train.workflow} trains this job: remove train.algorithm, or set train.workflow to "builtin"`,
      });
    if (spec.train.workflow !== "builtin" && spec.train.sweep)
      ctx.addIssue({ code: "custom", path: ["train", "sweep"], message: "sweeps run built-in algorithms only, for now" });
    // Early stopping watches a validation set; without one it would be silently ignored.
    const rounds = Number(spec.train.params.earlyStoppingRounds ?? 0);
    if (rounds > 0 && !spec.data.validation) {
      ctx.addIssue({
        code: "custom",
        path: ["data", "validation"],
        message:
          "earlyStoppingRounds needs a validation set: add data.validation { fraction: 0.1 } to hold 10% of the training rows out for it, or remove earlyStoppingRounds",
      });
    }
  })
  .meta({ id: "TrainingSpec" });
export type TrainingSpec = z.infer<typeof TrainingSpecSchema>;
export type TrainingSpecInput = z.input<typeof TrainingSpecSchema>;

/**
 * A batch scoring job's spec, as the worker runs it: the exact model version and input dataset
 * version (resolved when the job was submitted), the output dataset and the columns carried over.
 * Submitted through POST /api/v1/models/{name}/score (ScoreRequest).
 */
export const ScoringSpecSchema = z
  .object({
    metadata: z.object({
      name: z.string().min(1).max(120),
      project: z.string().min(1).max(80).default("default"),
      description: z.string().max(2000).default(""),
      tags: z.array(z.string().min(1).max(40)).max(20).default([]),
    }),
    score: z.object({
      model: z.string(),
      version: z.number().int().min(1),
      modelVersionId: z.uuid(),
      datasetVersionId: z.uuid().meta({ description: "The input: an exact dataset version" }),
      output: DatasetNameSchema.meta({ description: "The dataset the scores become a new version of" }),
      idColumns: z.array(z.string()).max(20).meta({ description: "Input columns copied next to each row's scores" }),
    }),
    resources: ResourcesSchema,
  })
  .meta({ id: "ScoringSpec" });
export type ScoringSpec = z.infer<typeof ScoringSpecSchema>;

/** A job's spec: what it trains, or (kind "score") what it scores. */
export type JobSpec = TrainingSpec | ScoringSpec;
export const isScoringSpec = (spec: JobSpec): spec is ScoringSpec => "score" in spec;

/** What a job runs, in one word for lists and logs: the algorithm, the workflow, or the model it scores. */
export function trainerOf(spec: Pick<TrainingSpec, "train"> | Pick<ScoringSpec, "score">): string {
  if ("score" in spec) return `scoring with ${spec.score.model} v${spec.score.version}`;
  return spec.train.workflow === "builtin" ? (spec.train.algorithm ?? "builtin") : spec.train.workflow;
}

export const StepTimingSchema = z.object({ step: z.string(), startedAt: z.iso.datetime(), millis: z.number() });

export const JobSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    project: z.string(),
    owner: z.string(),
    status: JobStatusSchema,
    kind: z.enum(["train", "sweep", "trial", "score"]),
    parentJobId: z.uuid().nullable(),
    trials: z
      .array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          status: z.string(),
          params: z.record(z.string(), z.unknown()),
          metrics: z.record(z.string(), z.number()).nullable(),
          runId: z.uuid().nullable(),
        }),
      )
      .optional()
      .meta({ description: "For a sweep: its trials, best first" }),
    priority: z.number().int(),
    attempts: z.number().int(),
    progress: z.object({ fraction: z.number(), step: z.string(), message: z.string() }).nullable(),
    stepTimings: z.array(StepTimingSchema),
    error: z.object({ message: z.string(), logTail: z.array(z.string()).optional() }).nullable(),
    spec: z.union([TrainingSpecSchema, ScoringSpecSchema]).meta({ description: "A TrainingSpec, or a ScoringSpec for kind score" }),
    result: z
      .object({
        datasetId: z.uuid(),
        datasetVersionId: z.uuid(),
        dataset: z.string(),
        version: z.number().int(),
        rows: z.number().int(),
      })
      .nullable()
      .meta({ description: "What a scoring job made: a version of its output dataset" }),
    datasetVersionIds: z.array(z.uuid()),
    datasetVersions: z.array(
      z.object({ id: z.uuid(), datasetId: z.uuid(), datasetName: z.string(), version: z.number().int(), contentHash: z.string() }),
    ),
    run: z
      .object({
        id: z.uuid(),
        algorithm: z.string(),
        task: z.string(),
        metrics: z.record(z.string(), z.number()).nullable(),
        artifactSha256: z.string().nullable(),
        modelVersion: z.object({ model: z.string(), version: z.number().int() }).nullable(),
      })
      .nullable(),
    cancelRequested: z.boolean(),
    workerHost: z.string().nullable().meta({ description: "The host whose worker ran (or runs) the job; null until claimed" }),
    reproduction: z
      .object({
        of: z.uuid().meta({ description: "The job whose exact spec and dataset versions were re-run" }),
        expectedSha256: z.string().nullable().meta({ description: "The original model file's SHA-256" }),
        sha256: z.string().nullable().meta({ description: "This run's model file's SHA-256, once it succeeded" }),
        match: z.boolean().nullable().meta({ description: "Whether the model bytes are identical; null until both exist" }),
      })
      .nullable(),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Job" });
export type JobDto = z.infer<typeof JobSchema>;

/** The columns the jobs list sorts by; "-" first is descending. */
export const JOB_SORTS = [
  "submitted",
  "-submitted",
  "name",
  "-name",
  "status",
  "-status",
  "duration",
  "-duration",
  "metric",
  "-metric",
] as const;
export type JobSort = (typeof JOB_SORTS)[number];

export const JobListQuerySchema = z.object({
  status: z
    .enum([...JobStatusSchema.options, "active"])
    .optional()
    .meta({
      description: "active = queued or running",
    }),
  q: z.string().max(120).optional().meta({ description: "Part of the job's name" }),
  tag: z.string().max(40).optional().meta({ description: "A tag the job was submitted with or its run carries now" }),
  algorithm: AlgorithmSchema.optional(),
  kind: z
    .enum(["train", "sweep", "trial", "score", "top"])
    .default("top")
    .meta({ description: "top = training jobs, sweeps and scoring jobs, not sweep trials" }),
  project: z.string().optional(),
  owner: z.string().optional(),
  datasetVersionId: z.uuid().optional(),
  sort: z
    .enum(JOB_SORTS)
    .default("-submitted")
    .meta({ description: "A column, '-' first for descending; metric = the task's headline metric, best first when descending" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type JobListQuery = z.infer<typeof JobListQuerySchema>;

/**
 * Parses a spec and its algorithm's parameters, defaults filled in (the API echoes them back).
 * Returns every problem with its path, e.g. "train.params.maxDepth": the parameters are checked
 * even when another part of the spec is wrong, so a form can show all of them at once.
 */
export function parseTrainingSpec(
  raw: unknown,
): { success: true; data: TrainingSpec } | { success: false; problems: { path: string; message: string }[] } {
  const parsed = TrainingSpecSchema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  const train = (raw as { train?: { algorithm?: unknown; params?: unknown; sweep?: unknown; workflow?: unknown } } | null)?.train;
  // A workflow's parameters are checked against its own schema when the job is submitted (it is registered in the database).
  if (parsed.success && parsed.data.train.workflow !== "builtin") return { success: true, data: parsed.data };
  const algorithm = AlgorithmSchema.safeParse(train?.algorithm);
  const rawParams = train?.params ?? {};
  const params = algorithm.success && typeof rawParams === "object" ? PARAMS_SCHEMAS[algorithm.data].strict().safeParse(rawParams) : null;
  if (params && !params.success) problems.push(...paramsProblems(params.error.issues, String(algorithm.data)));
  if (!parsed.success || !params?.success) return { success: false, problems };
  const spec = parsed.data;
  if (spec.train.sweep && spec.train.algorithm) {
    const sweep = sweepTrialParams(spec.train.algorithm, spec.train.params, spec.train.sweep);
    if (sweep.problems.length) return { success: false, problems: sweep.problems };
  }
  return { success: true, data: { ...spec, train: { ...spec.train, params: params.data } } };
}

/** The spec of a request body, every problem reported at once (400 naming each path), or throws. */
export function trainingSpecFromBody(raw: unknown): TrainingSpec {
  const parsed = parseTrainingSpec(raw);
  if (parsed.success) return parsed.data;
  throw invalidSpec(parsed.problems);
}

/** The 400 for a spec's problems, each named by its path. */
export function invalidSpec(problems: { path: string; message: string }[]): Invalid {
  return new Invalid(
    `The training spec has ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
    problems,
  );
}

export const JobListSchema = z.object({
  items: z.array(JobSchema),
  total: z.number().int().meta({ description: "Jobs matching the filters" }),
  active: z.number().int().meta({ description: "Queued or running, all owners" }),
});

/** ?after=<id> returns lines after that one: clients follow a running job by polling with `next`. */
export const JobLogQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const JobLogSchema = z.object({
  status: JobSchema.shape.status,
  lines: z.array(z.object({ id: z.number().int(), at: z.iso.datetime(), level: z.string(), message: z.string() })),
  next: z.number().int(),
});
export type JobLog = z.infer<typeof JobLogSchema>;

const SeriesPoint = z.object({ iteration: z.number().int(), value: z.number() });

export const JobMetricsSchema = z.object({
  status: JobStatusSchema,
  attempts: z.array(
    z.object({
      attempt: z.number().int().min(1),
      runId: z.uuid().nullable().meta({ description: "the run an attempt that succeeded recorded; null while it trains or if it did not" }),
      metrics: z.record(z.string(), z.number()).nullable(),
      series: z.record(z.string(), z.array(SeriesPoint)).meta({ description: "metric name → points by iteration" }),
    }),
  ),
});
export type JobMetrics = z.infer<typeof JobMetricsSchema>;
