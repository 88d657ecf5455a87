// Drift and live performance of deployed model versions, from the decision log (README: "Watching
// deployed models").
import { z } from "zod";

/**
 * When a window of one model version raises an alert. PSI over 0.25 is the usual "major shift";
 * missing values up by 10 points on training; over 5% categories the model never saw. Windows with
 * fewer decisions than `minDecisions` raise nothing: their shares are noise.
 */
export const DRIFT_THRESHOLDS = { psi: 0.25, missingRateRise: 0.1, unseenRate: 0.05, minDecisions: 200 } as const;

export const DRIFT_MEASURES = ["psi", "missing_rate", "unseen_rate"] as const;
export const DriftMeasureSchema = z.enum(DRIFT_MEASURES);
export type DriftMeasure = z.infer<typeof DriftMeasureSchema>;

export const MonitoringWindowSchema = z.enum(["hour", "day"]);
export type MonitoringWindow = z.infer<typeof MonitoringWindowSchema>;

export const MonitoringQuerySchema = z.object({
  version: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: "The model version; by default the production holder (else the newest)" }),
  window: MonitoringWindowSchema.default("hour"),
  days: z.coerce.number().int().min(1).max(90).default(2).meta({ description: "How far back, in days" }),
});

export const DriftAlertSchema = z.object({
  id: z.uuid(),
  modelVersionId: z.uuid(),
  version: z.number().int(),
  windowStart: z.string(),
  feature: z.string().meta({ description: 'The feature, or "prediction"' }),
  measure: DriftMeasureSchema,
  value: z.number(),
  threshold: z.number(),
  decisions: z.number().int(),
  createdAt: z.string(),
});
export type DriftAlert = z.infer<typeof DriftAlertSchema>;

export const FeatureDriftSchema = z.object({
  name: z.string(),
  psi: z.number(),
  missingRate: z.number(),
  trainingMissingRate: z.number(),
  unseenRate: z.number(),
});

export const DriftWindowSchema = z.object({
  start: z.string(),
  decisions: z.number().int(),
  predictionPsi: z.number(),
  features: z.array(FeatureDriftSchema),
});
export type DriftWindow = z.infer<typeof DriftWindowSchema>;

const VersionRefSchema = z.object({ model: z.string(), version: z.number().int(), modelVersionId: z.uuid() });

export const DriftReportSchema = z.object({
  modelVersion: VersionRefSchema.nullable(),
  window: MonitoringWindowSchema,
  /** False for a version trained before drift existed (no training profile): retrain to get one. */
  profiled: z.boolean(),
  thresholds: z.object({ psi: z.number(), missingRateRise: z.number(), unseenRate: z.number(), minDecisions: z.number() }),
  features: z.array(z.object({ name: z.string(), kind: z.enum(["numeric", "categorical"]) })),
  windows: z.array(DriftWindowSchema),
  prediction: z.object({
    kind: z.enum(["probability", "value", "class"]),
    labels: z.array(z.string()).meta({ description: "One label per bin" }),
    training: z.array(z.number()).meta({ description: "Shares of the holdout's predictions" }),
    served: z.array(z.number()).meta({ description: "Shares of the predictions served in the range" }),
  }),
  alerts: z.array(DriftAlertSchema),
});
export type DriftReport = z.infer<typeof DriftReportSchema>;

const OutcomeValueSchema = z.union([z.string().max(200), z.number(), z.boolean()]);

export const OutcomesBodySchema = z
  .object({
    joinKey: z.string().min(1).max(200).optional().meta({
      description:
        "An input field of the decisions (e.g. customer_id): outcomes given by `key` go to every decision of the model with that value",
    }),
    outcomes: z
      .array(
        z.object({
          decisionId: z.uuid().optional(),
          key: z.union([z.string().max(200), z.number()]).optional(),
          value: OutcomeValueSchema.meta({ description: 'The true label: a class as trained ("Yes", 1, true) or a number' }),
        }),
      )
      .min(1)
      .max(10_000),
  })
  .superRefine((body, ctx) => {
    body.outcomes.forEach((o, i) => {
      if (o.decisionId === undefined && o.key === undefined)
        ctx.addIssue({ code: "custom", path: ["outcomes", i], message: "give decisionId, or key with joinKey" });
      if (o.decisionId !== undefined && o.key !== undefined)
        ctx.addIssue({ code: "custom", path: ["outcomes", i], message: "give decisionId or key, not both" });
      if (o.key !== undefined && !body.joinKey)
        ctx.addIssue({ code: "custom", path: ["joinKey"], message: "outcomes given by key need joinKey: the input field the key is" });
    });
  });
export type OutcomesBody = z.infer<typeof OutcomesBodySchema>;

/** Most rows an outcome dataset may have in one call (about 100 MB of work in the API process). */
export const MAX_OUTCOME_DATASET_ROWS = 1_000_000;

export const OutcomesFromDatasetBodySchema = z
  .object({
    dataset: z.string().min(1).max(200).optional().meta({ description: "The outcome dataset, by name" }),
    version: z
      .union([z.literal("latest"), z.number().int().positive()])
      .default("latest")
      .meta({ description: "Its version; the newest by default" }),
    datasetVersionId: z.uuid().optional().meta({ description: "An exact dataset version instead of dataset + version" }),
    valueColumn: z.string().min(1).max(200).meta({ description: "The column with the true values; rows where it is empty are skipped" }),
    decisionIdColumn: z.string().min(1).max(200).optional().meta({ description: "A column of decision ids" }),
    keyColumn: z.string().min(1).max(200).optional().meta({ description: "A column of join keys (e.g. customer_id)" }),
    joinKey: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .meta({ description: "The decisions' input field the keys are; by default the key column's own name" }),
  })
  .superRefine((body, ctx) => {
    if (!body.dataset && !body.datasetVersionId)
      ctx.addIssue({ code: "custom", path: ["dataset"], message: "name the outcome dataset, or give datasetVersionId" });
    if (body.dataset && body.datasetVersionId)
      ctx.addIssue({ code: "custom", path: ["datasetVersionId"], message: "give dataset or datasetVersionId, not both" });
    if (!body.decisionIdColumn === !body.keyColumn)
      ctx.addIssue({ code: "custom", path: ["keyColumn"], message: "give keyColumn (with joinKey) or decisionIdColumn: exactly one" });
    if (body.joinKey && !body.keyColumn) ctx.addIssue({ code: "custom", path: ["joinKey"], message: "joinKey goes with keyColumn" });
  });
export type OutcomesFromDatasetBody = z.infer<typeof OutcomesFromDatasetBodySchema>;

export const OutcomesResultSchema = z.object({
  recorded: z.number().int().meta({ description: "Decisions that got an outcome (a correction replaces the earlier one)" }),
  unmatchedKeys: z.number().int().meta({ description: "Keys (or decision ids, from a dataset) no decision of the model had" }),
  skippedRows: z.number().int().optional().meta({ description: "Dataset rows with no value or no key, left out" }),
  datasetVersionId: z.uuid().optional().meta({ description: "The outcome dataset version read" }),
});
export type OutcomesResult = z.infer<typeof OutcomesResultSchema>;

export const PerformanceWindowSchema = z.object({
  start: z.string(),
  outcomes: z.number().int(),
  value: z
    .number()
    .nullable()
    .meta({ description: "The metric on this window's decisions with outcomes; null when it cannot be computed (one class only)" }),
});

export const LivePerformanceSchema = z.object({
  modelVersion: VersionRefSchema.nullable(),
  window: MonitoringWindowSchema,
  metric: z.string(),
  holdout: z.number().nullable().meta({ description: "The metric on the holdout, as the version was approved with" }),
  overall: z.number().nullable(),
  outcomes: z.number().int(),
  windows: z.array(PerformanceWindowSchema),
});
export type LivePerformance = z.infer<typeof LivePerformanceSchema>;
