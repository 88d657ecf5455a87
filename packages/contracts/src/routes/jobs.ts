import { z } from "zod";
import { IdParamSchema } from "../api/common.ts";
import {
  JobListQuerySchema,
  JobListSchema,
  JobLogQuerySchema,
  JobLogSchema,
  JobMetricsSchema,
  JobSchema,
  TrainingSpecSchema,
  trainingSpecFromBody,
} from "../api/jobs.ts";
import { CompareQuerySchema, NoiseCheckSchema, NoiseQuerySchema, RunDetailSchema } from "../api/runs.ts";
import { declareRoute } from "./declare.ts";

const noJob = { 404: "No such job" } as const;

export const jobRoutes = {
  list: declareRoute({
    method: "GET",
    path: "/api/v1/jobs",
    summary: "Training jobs, newest first",
    access: "read",
    query: JobListQuerySchema,
    status: 200,
    response: JobListSchema,
  }),
  submit: declareRoute({
    method: "POST",
    path: "/api/v1/jobs",
    summary: "Submit a training job (Idempotency-Key: the same key returns the same job)",
    access: "jobs:submit",
    headers: z.object({ "idempotency-key": z.string().max(200).optional() }),
    body: TrainingSpecSchema,
    parseBody: trainingSpecFromBody,
    status: 201,
    response: JobSchema,
    description: "Queued",
    alsoStatus: { 200: "Same Idempotency-Key: the existing job" },
    errors: { 400: "Every problem of the spec, by path", 404: "A dataset the spec names" },
  }),
  get: declareRoute({
    method: "GET",
    path: "/api/v1/jobs/{id}",
    summary: "Status, progress, step timings, run metrics, error",
    access: "read",
    params: IdParamSchema,
    status: 200,
    response: JobSchema,
    errors: noJob,
  }),
  logs: declareRoute({
    method: "GET",
    path: "/api/v1/jobs/{id}/logs",
    summary: "Log lines after a line id (poll with the returned `next` to follow)",
    access: "read",
    params: IdParamSchema,
    query: JobLogQuerySchema,
    status: 200,
    response: JobLogSchema,
    errors: noJob,
  }),
  metrics: declareRoute({
    method: "GET",
    path: "/api/v1/jobs/{id}/metrics",
    summary: "Per-iteration series (train and validation loss) of every run of the job",
    access: "read",
    params: IdParamSchema,
    status: 200,
    response: JobMetricsSchema,
  }),
  cancel: declareRoute({
    method: "POST",
    path: "/api/v1/jobs/{id}/cancel",
    summary: "Cancel (the job's owner or an admin): at once if queued, within seconds if running",
    access: "jobs:submit",
    params: IdParamSchema,
    status: 202,
    response: JobSchema,
    errors: noJob,
  }),
  retry: declareRoute({
    method: "POST",
    path: "/api/v1/jobs/{id}/retry",
    summary: "A new job from the same spec (the job's owner or an admin); the data it names is resolved again",
    access: "jobs:submit",
    params: IdParamSchema,
    status: 201,
    response: JobSchema,
    errors: noJob,
  }),
  reproduce: declareRoute({
    method: "POST",
    path: "/api/v1/jobs/{id}/reproduce",
    summary:
      "Re-run a succeeded job's exact spec on its exact dataset versions; the new job's `reproduction` says whether the model bytes match (no model version is registered)",
    access: "jobs:submit",
    params: IdParamSchema,
    status: 201,
    response: JobSchema,
    errors: { ...noJob, 409: "The job did not succeed with a model file" },
  }),
};

export const runRoutes = {
  compare: declareRoute({
    method: "GET",
    path: "/api/v1/runs",
    summary: "2 to 20 runs to compare (?ids=a,b,c), in that order, with everything the compare page draws",
    access: "read",
    query: CompareQuerySchema,
    status: 200,
    response: z.object({ runs: z.array(RunDetailSchema) }),
    errors: { 404: "An id that is not a run" },
  }),
  noise: declareRoute({
    method: "GET",
    path: "/api/v1/runs/noise",
    summary:
      "Is run a's lead over run b on a metric larger than noise? A paired bootstrap (200 resamples) of both models' predictions on their shared holdout rows",
    access: "read",
    query: NoiseQuerySchema,
    status: 200,
    response: NoiseCheckSchema,
    errors: { 404: "An id that is not a run" },
  }),
  get: declareRoute({
    method: "GET",
    path: "/api/v1/runs/{id}",
    summary: "A run: holdout metrics, curves, confusion matrix, importances, per-iteration series",
    access: "read",
    params: IdParamSchema,
    status: 200,
    response: RunDetailSchema,
    errors: { 404: "No such run" },
  }),
};
