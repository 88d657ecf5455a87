// The OpenAPI 3.1 document served at /api/v1/openapi.json, generated from the same zod schemas
// the routes validate with, so the two cannot drift. Each feature adds its paths here.

import { z } from "zod";
import { createDocument, type ZodOpenApiPathsObject } from "zod-openapi";
import { AuditChainReportSchema, AuditEventSchema, AuditQuerySchema } from "./api/audit.ts";
import {
  ApiTokenSchema,
  CreateApiTokenRequestSchema,
  CreatedApiTokenSchema,
  CreateUserRequestSchema,
  SignInRequestSchema,
  UpdateUserRequestSchema,
  UserSchema,
} from "./api/auth.ts";
import { ProblemSchema } from "./api/common.ts";
import {
  CreateDerivedDatasetRequestSchema,
  DatasetListQuerySchema,
  DatasetSummarySchema,
  DatasetVersionSchema,
  DerivePreviewSchema,
  FilePreviewSchema,
  IngestResultSchema,
  PreviewQuerySchema,
  PreviewSchema,
  RegisterPathRequestSchema,
  UploadOptionsSchema,
} from "./api/datasets.ts";
import { HealthSchema } from "./api/health.ts";
import { JobListQuerySchema, JobSchema, TrainingSpecSchema } from "./api/jobs.ts";
import {
  ComparisonSchema,
  DecisionSearchQuerySchema,
  PromotionDecisionBodySchema,
  PromotionListQuerySchema,
  PromotionRequestBodySchema,
  RollbackBodySchema,
} from "./api/models.ts";
import { RunDetailSchema } from "./api/runs.ts";
import { AliasSchema, PredictQuerySchema, PredictResponseSchema } from "./api/serving.ts";

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ProblemSchema } },
});
const json = (schema: z.ZodType, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});
const authErrors = { "401": problem("Not signed in and no valid API token"), "403": problem("Role not allowed") };
const idParam = { path: z.object({ id: z.uuid() }) };

const upload = {
  description: "The file as the raw body (any content type), or the 'file' field of multipart/form-data.",
  content: {
    "application/octet-stream": { schema: z.string().meta({ format: "binary" }) },
    "multipart/form-data": { schema: z.object({ file: z.string().meta({ format: "binary" }), name: z.string().optional() }) },
  },
};
const ingested = {
  "201": json(IngestResultSchema, "A new version was made"),
  "200": json(IngestResultSchema, "Identical content to an existing version: nothing new was made"),
  "400": problem("The file cannot be read: the detail says why and where"),
  "409": problem("A dataset with this name exists"),
  "413": problem("Larger than ROUNDHOUSE_MAX_UPLOAD_BYTES"),
  ...authErrors,
};

const datasetPaths: ZodOpenApiPathsObject = {
  "/api/v1/datasets": {
    get: {
      summary: "List datasets",
      requestParams: { query: DatasetListQuerySchema },
      responses: { "200": json(z.object({ items: z.array(DatasetSummarySchema) })), ...authErrors },
    },
    post: {
      summary: "Upload a new dataset (CSV, Parquet or JSON Lines)",
      requestParams: { query: UploadOptionsSchema },
      requestBody: upload,
      responses: ingested,
    },
  },
  "/api/v1/datasets/{id}": {
    get: {
      summary: "A dataset with all its versions",
      requestParams: idParam,
      responses: {
        "200": json(z.object({ id: z.uuid(), name: z.string(), versions: z.array(DatasetVersionSchema) })),
        "404": problem("No such dataset"),
        ...authErrors,
      },
    },
  },
  "/api/v1/datasets/{id}/versions": {
    post: {
      summary: "Upload new data as the next version of a dataset",
      requestParams: { ...idParam, query: UploadOptionsSchema.omit({ name: true }) },
      requestBody: upload,
      responses: ingested,
    },
  },
  "/api/v1/datasets/preview-file": {
    post: {
      summary:
        "Read the start of a file (the body, up to 1 MiB) with the upload's options and return its columns, inferred types and first rows; nothing is stored",
      requestParams: { query: UploadOptionsSchema.omit({ name: true, description: true }) },
      requestBody: upload,
      responses: {
        "200": json(FilePreviewSchema),
        "400": problem("The sample cannot be read: the detail says why and where"),
        "413": problem("Larger than 1 MiB: send the start of the file"),
        ...authErrors,
      },
    },
  },
  "/api/v1/datasets/register-path": {
    post: {
      summary: "Register a server-side file below ROUNDHOUSE_DATA_ROOTS",
      requestBody: { content: { "application/json": { schema: RegisterPathRequestSchema } } },
      responses: ingested,
    },
  },
  "/api/v1/datasets/derive": {
    post: {
      summary: "Join, filter and select dataset versions into a new dataset (?dryRun=true: row count and first rows only)",
      requestParams: { query: z.object({ dryRun: z.enum(["true", "false"]).optional() }) },
      requestBody: { content: { "application/json": { schema: CreateDerivedDatasetRequestSchema } } },
      responses: {
        ...ingested,
        "200": json(z.union([IngestResultSchema, DerivePreviewSchema]), "Dry run, or identical to an existing version"),
      },
    },
  },
  "/api/v1/dataset-versions/{id}": {
    get: {
      summary: "One dataset version: schema, profile, lineage, hash",
      requestParams: idParam,
      responses: { "200": json(DatasetVersionSchema), "404": problem("No such version"), ...authErrors },
    },
  },
  "/api/v1/dataset-versions/{id}/preview": {
    get: {
      summary: "A page of rows, optionally sorted",
      requestParams: { ...idParam, query: PreviewQuerySchema },
      responses: { "200": json(PreviewSchema), "400": problem("Unknown sort column"), ...authErrors },
    },
  },
  "/api/v1/dataset-versions/{id}/days": {
    get: {
      summary: "Rows per day of a date column (for picking date-range holdouts)",
      requestParams: { ...idParam, query: z.object({ column: z.string() }) },
      responses: {
        "200": json(z.object({ column: z.string(), days: z.array(z.object({ day: z.string(), rows: z.number().int() })) })),
        "400": problem("No such column, or not a date"),
        ...authErrors,
      },
    },
  },
  "/api/v1/dataset-versions/{id}/label-associations": {
    get: {
      summary: "Each numeric column's correlation with a label and, for a 0/1 label, its single-column AUC (leak warnings)",
      requestParams: { ...idParam, query: z.object({ label: z.string() }) },
      responses: {
        "200": json(
          z.object({
            label: z.string(),
            columns: z.array(z.object({ column: z.string(), correlation: z.number().nullable(), auc: z.number().nullable() })),
          }),
        ),
        "400": problem("No such label column"),
        ...authErrors,
      },
    },
  },
};
const jobPaths: ZodOpenApiPathsObject = {
  "/api/v1/jobs": {
    get: {
      summary: "Training jobs, newest first",
      requestParams: { query: JobListQuerySchema },
      responses: {
        "200": json(z.object({ items: z.array(JobSchema), total: z.number().int(), active: z.number().int() })),
        ...authErrors,
      },
    },
    post: {
      summary: "Submit a training job (Idempotency-Key: the same key returns the same job)",
      requestParams: { header: z.object({ "idempotency-key": z.string().optional() }) },
      requestBody: { content: { "application/json": { schema: TrainingSpecSchema } } },
      responses: {
        "201": json(JobSchema, "Queued"),
        "200": json(JobSchema, "Same Idempotency-Key: the existing job"),
        "400": problem("Every problem of the spec, by path"),
        ...authErrors,
      },
    },
  },
  "/api/v1/jobs/{id}": {
    get: {
      summary: "Status, progress, step timings, run metrics, error",
      requestParams: idParam,
      responses: { "200": json(JobSchema), "404": problem("No such job"), ...authErrors },
    },
  },
  "/api/v1/jobs/{id}/logs": {
    get: {
      summary: "Log lines after a line id (poll with the returned `next` to follow)",
      requestParams: { ...idParam, query: z.object({ after: z.number().int().optional(), limit: z.number().int().optional() }) },
      responses: {
        "200": json(
          z.object({
            status: z.string(),
            lines: z.array(z.object({ id: z.number(), at: z.string(), level: z.string(), message: z.string() })),
            next: z.number(),
          }),
        ),
        ...authErrors,
      },
    },
  },
  "/api/v1/jobs/{id}/metrics": {
    get: {
      summary: "Per-iteration series of each run",
      requestParams: idParam,
      responses: { "200": json(z.object({ runs: z.array(z.unknown()) })), ...authErrors },
    },
  },
  "/api/v1/jobs/{id}/cancel": {
    post: {
      summary: "Cancel: at once if queued, within seconds if running",
      requestParams: idParam,
      responses: { "202": json(JobSchema), ...authErrors },
    },
  },
  "/api/v1/jobs/{id}/retry": {
    post: { summary: "A new job from the same spec", requestParams: idParam, responses: { "201": json(JobSchema), ...authErrors } },
  },
  "/api/v1/jobs/{id}/reproduce": {
    post: {
      summary:
        "Re-run a succeeded job's exact spec on its exact dataset versions; the new job's `reproduction` says whether the model bytes match (no model version is registered)",
      requestParams: idParam,
      responses: { "201": json(JobSchema), "409": problem("The job did not succeed with a model file"), ...authErrors },
    },
  },
  "/api/v1/runs": {
    get: {
      summary: "2 to 20 runs to compare (?ids=a,b,c), in that order",
      requestParams: { query: z.object({ ids: z.string().meta({ description: "Comma-separated run ids" }) }) },
      responses: {
        "200": json(z.object({ runs: z.array(RunDetailSchema) })),
        "400": problem("Fewer than 2 or more than 20 ids, or not run ids"),
        "404": problem("An id that is not a run"),
        ...authErrors,
      },
    },
  },
  "/api/v1/runs/{id}": {
    get: {
      summary: "A run: holdout metrics, curves, confusion matrix, importances, per-iteration series",
      requestParams: idParam,
      responses: { "200": json(RunDetailSchema), "404": problem("No such run"), ...authErrors },
    },
  },
};

const nameParam = { path: z.object({ name: z.string() }) };
const anyJson = (description: string) => json(z.record(z.string(), z.unknown()), description);

const registryPaths: ZodOpenApiPathsObject = {
  "/api/v1/models": {
    get: { summary: "Registered models with their aliases and latest version", responses: { "200": anyJson("Models"), ...authErrors } },
  },
  "/api/v1/models/{name}": {
    get: {
      summary: "A model: versions (metrics, run, dataset versions, model file SHA-256), alias holders, alias timeline, requests",
      requestParams: nameParam,
      responses: { "200": anyJson("The model"), "404": problem("No such model"), ...authErrors },
    },
  },
  "/api/v1/models/{name}/predict": {
    post: {
      summary: "Predict one record (a JSON object) or a batch (an array of up to 1,000); each prediction is logged as a decision first",
      requestParams: { ...nameParam, query: PredictQuerySchema },
      requestBody: {
        content: {
          "application/json": { schema: z.union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))]) },
        },
      },
      responses: {
        "200": json(PredictResponseSchema),
        "400": problem("Not JSON, too many rows, or alias and version together"),
        "404": problem("No such model, version, or no holder of the alias"),
        "422": problem("Rows that do not fit the model: every missing feature, wrong type and unknown category, by path"),
        "503": problem("The decision log could not be written, so no prediction is returned"),
        ...authErrors,
      },
    },
  },
  "/api/v1/models/{name}/compare": {
    get: {
      summary: "Champion/challenger preview: a version and the alias's holder scored on the same holdout rows",
      requestParams: { ...nameParam, query: z.object({ version: z.number().int(), alias: AliasSchema.optional() }) },
      responses: { "200": json(ComparisonSchema), "404": problem("No such model or version"), ...authErrors },
    },
  },
  "/api/v1/models/{name}/promotions": {
    post: {
      summary: "Request that a version take an alias; the comparison is computed and stored with the request",
      requestParams: nameParam,
      requestBody: { content: { "application/json": { schema: PromotionRequestBodySchema } } },
      responses: { "201": anyJson("The request"), "409": problem("Already held, or already requested"), ...authErrors },
    },
  },
  "/api/v1/models/{name}/aliases/{alias}/rollback": {
    post: {
      summary: "Move the alias back to its previous holder (approver or admin), audited",
      requestParams: { path: z.object({ name: z.string(), alias: AliasSchema }) },
      requestBody: { content: { "application/json": { schema: RollbackBodySchema } } },
      responses: { "200": anyJson("The move"), "409": problem("Nothing to roll back to"), ...authErrors },
    },
  },
  "/api/v1/promotions": {
    get: {
      summary: "Promotion requests (pending by default) and how many await the caller's decision",
      requestParams: { query: PromotionListQuerySchema },
      responses: { "200": anyJson("Requests"), ...authErrors },
    },
  },
  "/api/v1/promotions/{id}": {
    get: {
      summary: "A promotion request with its comparison",
      requestParams: idParam,
      responses: { "200": anyJson("The request"), ...authErrors },
    },
  },
  "/api/v1/promotions/{id}/decision": {
    post: {
      summary: "Approve (moves the alias atomically) or reject; 403 for the requester, 409 once decided",
      requestParams: idParam,
      requestBody: { content: { "application/json": { schema: PromotionDecisionBodySchema } } },
      responses: { "200": anyJson("The decided request"), "409": problem("Already decided"), ...authErrors },
    },
  },
  "/api/v1/decisions": {
    get: {
      summary: "The decision log, newest first; by id, model, version, output and time range",
      requestParams: { query: DecisionSearchQuerySchema },
      responses: { "200": anyJson("Decisions and the cursor for older ones"), ...authErrors },
    },
  },
  "/api/v1/decisions/{id}": {
    get: {
      summary: "A decision with input, output, reasons and lineage (model version → run → spec → dataset versions with hashes)",
      requestParams: idParam,
      responses: { "200": anyJson("The decision"), "404": problem("No such decision"), ...authErrors },
    },
  },
};

const paths: ZodOpenApiPathsObject = {
  ...datasetPaths,
  ...jobPaths,
  ...registryPaths,
  "/api/v1/health": {
    get: {
      summary: "Database, migrations and worker heartbeat",
      security: [],
      responses: { "200": json(HealthSchema), "503": json(HealthSchema, "Something the product needs is down") },
    },
  },
  "/api/v1/auth/sign-in": {
    post: {
      summary: "Sign in to the dashboard (sets a session cookie)",
      security: [],
      requestBody: { content: { "application/json": { schema: SignInRequestSchema } } },
      responses: {
        "200": json(UserSchema),
        "400": problem("Invalid body"),
        "401": problem("Wrong email or password"),
        "429": problem("Too many failed attempts for this account or address; wait Retry-After seconds"),
      },
    },
  },
  "/api/v1/auth/sign-out": {
    post: { summary: "End the dashboard session", security: [], responses: { "204": { description: "Signed out" } } },
  },
  "/api/v1/me": {
    get: { summary: "The caller", responses: { "200": json(UserSchema), ...authErrors } },
  },
  "/api/v1/users": {
    get: { summary: "List users (admin)", responses: { "200": json(z.object({ items: z.array(UserSchema) })), ...authErrors } },
    post: {
      summary: "Create a user (admin)",
      requestBody: { content: { "application/json": { schema: CreateUserRequestSchema } } },
      responses: { "201": json(UserSchema), "400": problem("Invalid body"), "409": problem("Email taken"), ...authErrors },
    },
  },
  "/api/v1/users/{id}": {
    patch: {
      summary: "Change a user's role or disable the account, ending all its sessions (admin)",
      requestParams: idParam,
      requestBody: { content: { "application/json": { schema: UpdateUserRequestSchema } } },
      responses: {
        "200": json(UserSchema),
        "400": problem("Invalid body"),
        "404": problem("No such user"),
        "409": problem("Your own account"),
        ...authErrors,
      },
    },
  },
  "/api/v1/tokens": {
    get: { summary: "The caller's API tokens", responses: { "200": json(z.object({ items: z.array(ApiTokenSchema) })), ...authErrors } },
    post: {
      summary: "Create an API token for the caller; the secret is in this response only",
      requestBody: { content: { "application/json": { schema: CreateApiTokenRequestSchema } } },
      responses: { "201": json(CreatedApiTokenSchema), "400": problem("Invalid body"), ...authErrors },
    },
  },
  "/api/v1/tokens/{id}": {
    delete: {
      summary: "Revoke one of the caller's API tokens",
      requestParams: idParam,
      responses: { "204": { description: "Revoked" }, "404": problem("No such token"), ...authErrors },
    },
  },
  "/api/v1/audit-events": {
    get: {
      summary: "Audit events, newest first",
      requestParams: { query: AuditQuerySchema },
      responses: { "200": json(z.object({ items: z.array(AuditEventSchema), nextBefore: z.string().nullable() })), ...authErrors },
    },
  },
  "/api/v1/audit-events/verify": {
    post: {
      summary: "Recompute the hash chain and report the first broken link (admin, approver)",
      responses: { "200": json(AuditChainReportSchema), ...authErrors },
    },
  },
};

export function openApiDocument(version: string) {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Roundhouse API",
      version,
      description:
        "Train, evaluate, register, promote and serve models. Authenticate with 'Authorization: Bearer <token>' " +
        "(create a token in the dashboard under Settings, or POST /api/v1/tokens). Errors are RFC 9457 problem+json.",
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        session: { type: "apiKey", in: "cookie", name: "roundhouse_session" },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  });
}
