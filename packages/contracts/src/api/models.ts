import { z } from "zod";
import { AliasSchema } from "./serving.ts";

export const ModelNameParamSchema = z.object({ name: z.string().min(1).max(200) });

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

export const PromotionListQuerySchema = z.object({
  status: z.enum(["pending", "approved", "rejected", "withdrawn", "all"]).default("pending"),
  model: z.string().optional(),
});

export const DecisionSearchQuerySchema = z.object({
  id: z.uuid({ error: "must be a decision id (UUID)" }).optional(),
  model: z.string().optional(),
  version: z.coerce.number().int().positive().optional(),
  output: z.string().max(200).optional().meta({ description: "The predicted class or value, as text" }),
  from: z.iso.datetime({ offset: true, error: "must be an ISO date-time" }).optional(),
  to: z.iso.datetime({ offset: true, error: "must be an ISO date-time" }).optional(),
  before: z.iso.datetime({ offset: true }).optional().meta({ description: "Cursor: decisions strictly older than this time" }),
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
