import { z } from "zod";
import { TrainingSpecSchema } from "./jobs.ts";
import { ComparisonSchema } from "./models.ts";
import { AliasSchema } from "./serving.ts";

export const RETRAINING_TRIGGERS = ["schedule", "new-data", "drift", "manual"] as const;
export const RetrainingTriggerSchema = z.enum(RETRAINING_TRIGGERS);
export type RetrainingTrigger = z.infer<typeof RetrainingTriggerSchema>;

/**
 * What came of a run: still training or being compared, a promotion request opened (proposed, and
 * promoted once approved), or why not. The CLI's exit codes follow these (README).
 */
export const RETRAINING_OUTCOMES = ["running", "evaluating", "proposed", "promoted", "not_better", "failed"] as const;
export const RetrainingOutcomeSchema = z.enum(RETRAINING_OUTCOMES);
export type RetrainingOutcome = z.infer<typeof RetrainingOutcomeSchema>;

export const RetrainingPolicyBodySchema = z
  .object({
    enabled: z.boolean().default(true),
    spec: TrainingSpecSchema.optional().meta({
      description:
        "The spec each run submits; by default the alias holder's own spec with its dataset named by name at version 'latest'. Its name is set to the model's.",
    }),
    triggers: z
      .object({
        newData: z.boolean().default(true).meta({ description: "Run when the spec's dataset gets a new version" }),
        schedule: z
          .string()
          .trim()
          .min(1)
          .max(120)
          .nullable()
          .default(null)
          .meta({ description: "A cron expression, e.g. '0 3 * * 1' (Mondays 03:00); null for none" }),
        timezone: z.string().min(1).max(64).default("UTC"),
        drift: z
          .boolean()
          .default(false)
          .meta({ description: "Run when drift on the version holding the alias raises an alert (at most one run per alert window)" }),
      })
      .strict()
      .default({ newData: true, schedule: null, timezone: "UTC", drift: false }),
    rule: z
      .object({
        metric: z.string().min(1).optional().meta({ description: "The objective metric; by default the task's headline metric" }),
        minImprovement: z
          .number()
          .min(0)
          .max(1e9)
          .default(0)
          .meta({ description: "How much better than the alias's holder, in the metric's units" }),
        alias: AliasSchema.default("production"),
      })
      .strict()
      .default({ minImprovement: 0, alias: "production" }),
  })
  .strict()
  .meta({ id: "RetrainingPolicyBody" });
export type RetrainingPolicyBody = z.infer<typeof RetrainingPolicyBodySchema>;

export const RetrainingPolicySchema = z
  .object({
    id: z.uuid(),
    model: z.string(),
    enabled: z.boolean(),
    spec: TrainingSpecSchema,
    triggers: z.object({ newData: z.boolean(), schedule: z.string().nullable(), timezone: z.string(), drift: z.boolean() }),
    rule: z.object({ metric: z.string(), minImprovement: z.number(), alias: z.string() }),
    owner: z.string(),
    nextScheduledAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "RetrainingPolicy" });
export type RetrainingPolicyDto = z.infer<typeof RetrainingPolicySchema>;

export const RetrainingRunSchema = z
  .object({
    id: z.uuid(),
    model: z.string(),
    trigger: RetrainingTriggerSchema,
    dueAt: z.iso.datetime(),
    firedAt: z.iso.datetime(),
    outcome: RetrainingOutcomeSchema,
    reason: z.string(),
    jobId: z.uuid().nullable(),
    jobStatus: z.string().nullable(),
    datasetVersions: z.array(z.object({ id: z.uuid(), datasetName: z.string(), version: z.number().int() })),
    modelVersion: z.number().int().nullable(),
    promotionRequestId: z.uuid().nullable(),
    comparison: ComparisonSchema.nullable(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "RetrainingRun" });
export type RetrainingRunDto = z.infer<typeof RetrainingRunSchema>;

export const RetrainingSchema = z
  .object({ policy: RetrainingPolicySchema.nullable(), runs: z.array(RetrainingRunSchema) })
  .meta({ id: "Retraining" });
export type RetrainingDto = z.infer<typeof RetrainingSchema>;
