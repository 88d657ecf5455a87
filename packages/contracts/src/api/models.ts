import { z } from "zod";
import { AliasSchema } from "./serving.ts";

export const ModelNameParamSchema = z.object({ name: z.string().min(1).max(200) });
export const ModelVersionParamSchema = ModelNameParamSchema.extend({
  version: z.coerce.number({ error: "must be a version number" }).int().positive({ error: "must be a version number (1, 2, …)" }),
});

export const PromotionRequestBodySchema = z
  .object({
    version: z.number({ error: "must be a version number" }).int().positive(),
    alias: AliasSchema.default("production"),
    justification: z
      .string({ error: "say why this version should take the alias" })
      .trim()
      .min(10, { error: "say why in at least 10 characters: the approver reads it" })
      .max(2000),
  })
  .meta({ id: "PromotionRequestBody" });
export type PromotionRequestBody = z.infer<typeof PromotionRequestBodySchema>;

export const PromotionDecisionBodySchema = z
  .object({
    decision: z.enum(["approved", "rejected"], { error: "must be 'approved' or 'rejected'" }),
    comment: z.string().trim().max(2000).default(""),
  })
  .refine((b) => b.decision === "approved" || b.comment.length > 0, { error: "say why when rejecting", path: ["comment"] })
  .meta({ id: "PromotionDecisionBody" });

export const RollbackBodySchema = z
  .object({ reason: z.string().trim().min(3, { error: "say why you roll back" }).max(2000) })
  .meta({ id: "RollbackBody" });

export const PromotionStatusSchema = z.enum(["pending", "approved", "rejected", "withdrawn"]);

export const PromotionListQuerySchema = z.object({
  status: z.enum([...PromotionStatusSchema.options, "all"]).default("pending"),
  model: z.string().optional(),
});

/** A page cursor: the last decision's time and id, so decisions sharing a millisecond are neither skipped nor repeated. */
const DECISION_CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z~[0-9a-f-]{36}$/;

export const DecisionSearchQuerySchema = z.object({
  id: z.uuid({ error: "must be a decision id (UUID)" }).optional(),
  model: z.string().optional(),
  version: z.coerce.number().int().positive().optional(),
  output: z.string().max(200).optional().meta({ description: "The predicted class or value, as text" }),
  from: z.iso.datetime({ offset: true, error: "must be an ISO date-time" }).optional(),
  to: z.iso.datetime({ offset: true, error: "must be an ISO date-time" }).optional(),
  before: z.iso.datetime({ offset: true }).optional().meta({ description: "Decisions strictly older than this time" }),
  order: z.enum(["newest", "oldest"], { error: "must be newest or oldest" }).default("newest"),
  cursor: z
    .string()
    .regex(DECISION_CURSOR, { error: "must be a nextCursor from a previous page" })
    .optional()
    .meta({ description: "Continue after the last decision of a previous page (its nextCursor), in the same order" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DecisionSearchQuery = z.infer<typeof DecisionSearchQuerySchema>;

const MetricSide = z.object({
  version: z.number().int(),
  metrics: z.record(z.string(), z.number()),
  roc: z.array(z.object({ x: z.number(), y: z.number() })).optional(),
  pr: z.array(z.object({ x: z.number(), y: z.number() })).optional(),
});

/** Champion (current holder) and challenger (candidate) scored on the same holdout rows. */
export const ComparisonSchema = z
  .object({
    rows: z.number().int().optional(),
    holdoutRows: z.number().int().optional(),
    dataset: z.string().optional(),
    challenger: MetricSide.optional(),
    champion: MetricSide.nullable().optional(),
    deltas: z.record(z.string(), z.number()).optional(),
    note: z.string().optional(),
    error: z.string().optional(),
  })
  .meta({ id: "Comparison" });
export type Comparison = z.infer<typeof ComparisonSchema>;

export const CompareVersionQuerySchema = z.object({
  version: z.coerce.number({ error: "must be a version number" }).int().positive(),
  alias: AliasSchema.default("production"),
});

// ─── Read models ────────────────────────────────────────────────────────────────────────────────

const Metrics = z.record(z.string(), z.number());

export const ModelSummarySchema = z
  .object({
    name: z.string(),
    description: z.string(),
    owner: z.string(),
    tags: z.array(z.string()),
    versions: z.number().int(),
    pendingRequests: z.number().int(),
    latestVersion: z.number().int().nullable(),
    latestMetrics: Metrics.nullable(),
    task: z.string().nullable(),
    aliases: z.record(z.string(), z.number().int()).meta({ description: "alias → version number" }),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "ModelSummary" });
export type ModelSummary = z.infer<typeof ModelSummarySchema>;

const ProvenanceDataset = z.object({
  id: z.uuid(),
  datasetId: z.uuid(),
  name: z.string(),
  version: z.number().int(),
  sha256: z.string(),
});

export const ModelDetailSchema = z
  .object({
    name: z.string(),
    description: z.string(),
    owner: z.string(),
    tags: z.array(z.string()),
    createdAt: z.iso.datetime(),
    aliases: z.array(z.object({ alias: z.string(), version: z.number().int(), modelVersionId: z.uuid(), since: z.iso.datetime() })),
    versions: z.array(
      z.object({
        id: z.uuid(),
        version: z.number().int(),
        runId: z.uuid(),
        jobId: z.uuid(),
        algorithm: z.string(),
        params: z.record(z.string(), z.unknown()),
        task: z.string().nullable(),
        metrics: Metrics,
        artifactSha256: z.string(),
        createdBy: z.string(),
        createdAt: z.iso.datetime(),
        datasets: z.array(ProvenanceDataset),
        aliases: z.array(z.string()),
      }),
    ),
    timeline: z.array(
      z.object({
        id: z.uuid(),
        alias: z.string(),
        action: z.string(),
        version: z.number().int().nullable(),
        previousVersion: z.number().int().nullable(),
        reason: z.string(),
        actor: z.string(),
        promotionRequestId: z.uuid().nullable(),
        at: z.iso.datetime(),
      }),
    ),
    requests: z.array(
      z.object({
        id: z.uuid(),
        version: z.number().int(),
        alias: z.string(),
        status: PromotionStatusSchema,
        requester: z.string(),
        decidedBy: z.string().nullable(),
        createdAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: "ModelDetail" });
export type ModelDetail = z.infer<typeof ModelDetailSchema>;

export const PromotionSchema = z
  .object({
    id: z.uuid(),
    model: z.string(),
    version: z.number().int(),
    runId: z.uuid(),
    alias: z.string(),
    justification: z.string(),
    status: PromotionStatusSchema,
    requester: z.string(),
    requesterId: z.uuid(),
    comparison: ComparisonSchema.nullable().meta({ description: "null in lists: read one request for its curves" }),
    createdAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
    decision: z.object({ by: z.string(), decision: z.string(), comment: z.string() }).nullable(),
  })
  .meta({ id: "PromotionRequest" });
export type PromotionDto = z.infer<typeof PromotionSchema>;

export const PromotionListSchema = z.object({
  items: z.array(PromotionSchema),
  awaitingYou: z.number().int().meta({ description: "Pending requests someone else made: the caller could decide them" }),
});

export const AliasMoveSchema = z
  .object({ alias: z.string(), modelVersionId: z.uuid(), previousVersionId: z.uuid().nullable(), at: z.iso.datetime() })
  .meta({ id: "AliasMove" });

const DecisionOutput = z.object({
  prediction: z.union([z.string(), z.number()]),
  probabilities: z.record(z.string(), z.number()).nullable(),
});

export const DecisionRowSchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    caller: z.string(),
    model: z.string(),
    version: z.number().int(),
    alias: z.string().nullable(),
    output: DecisionOutput,
  })
  .meta({ id: "DecisionRow" });
export type DecisionRow = z.infer<typeof DecisionRowSchema>;

export const DecisionPageSchema = z.object({
  items: z.array(DecisionRowSchema),
  nextCursor: z.string().nullable().meta({ description: "Pass as ?cursor= (same filters and order) for the next page; null at the end" }),
});
export type DecisionPage = z.infer<typeof DecisionPageSchema>;

export const DecisionDetailSchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    caller: z.string(),
    requestId: z.string(),
    alias: z.string().nullable(),
    input: z.record(z.string(), z.unknown()),
    output: DecisionOutput,
    reasons: z.array(z.object({ feature: z.string(), value: z.unknown(), contribution: z.number() })),
    warnings: z.array(z.object({ feature: z.string(), message: z.string() })),
    lineage: z.object({
      model: z.object({ name: z.string() }),
      modelVersion: z.object({ id: z.uuid(), version: z.number().int(), artifactSha256: z.string(), createdAt: z.iso.datetime() }),
      run: z.object({ id: z.uuid(), algorithm: z.string(), metrics: Metrics.nullable() }),
      job: z.object({ id: z.uuid(), name: z.string(), createdAt: z.iso.datetime() }),
      spec: z.unknown().meta({ description: "The training spec, as submitted with defaults filled in" }),
      datasetVersions: z.array(ProvenanceDataset.extend({ rows: z.number().int() })),
    }),
  })
  .meta({ id: "DecisionDetail" });
export type DecisionDetail = z.infer<typeof DecisionDetailSchema>;
