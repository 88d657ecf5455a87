import { z } from "zod";
import { METRICS } from "../metrics.ts";

const Point = z.object({ x: z.number(), y: z.number(), threshold: z.number().nullable() });

/** A run's full evaluation on its holdout: what the run page and the compare page draw. */
export const RunDetailSchema = z
  .object({
    id: z.uuid(),
    jobId: z.uuid(),
    jobName: z.string(),
    jobStatus: z.string(),
    description: z.string().meta({ description: "The job's description" }),
    tags: z.array(z.string()).meta({ description: "The run's tags: the spec's when it finished, then as people edit them" }),
    note: z.string().meta({ description: "People's notes on the run (editable)" }),
    modelVersion: z
      .object({ name: z.string(), version: z.number().int() })
      .nullable()
      .meta({ description: "The model version this run registered, if any" }),
    algorithm: z.string(),
    task: z.string(),
    params: z.record(z.string(), z.unknown()),
    metrics: z.record(z.string(), z.number()).nullable(),
    rowsTrain: z.number().int().nullable(),
    rowsHoldout: z.number().int().nullable(),
    evaluation: z
      .object({
        confusion: z.unknown().optional().meta({ description: "{tp, fp, tn, fn} at 0.5 (binary) or a K×K matrix (multiclass)" }),
        classes: z.array(z.string()).nullable().optional(),
        atThresholds: z
          .array(z.object({ threshold: z.number(), tp: z.number(), fp: z.number() }))
          .optional()
          .meta({ description: "Binary: true and false positives at P ≥ 0, 0.01 … 1 (runs before 2026-12-07 have none)" }),
        curves: z
          .object({
            roc: z.array(Point),
            pr: z.array(Point),
            calibration: z.array(
              z.object({ bin: z.number(), predicted: z.number().nullable(), observed: z.number().nullable(), count: z.number() }),
            ),
          })
          .optional(),
        residuals: z.array(z.object({ actual: z.number(), predicted: z.number() })).optional(),
      })
      .nullable(),
    importances: z.array(z.object({ feature: z.string(), gain: z.number(), splits: z.number() })).nullable(),
    series: z.record(z.string(), z.array(z.object({ iteration: z.number().int(), value: z.number() }))),
    artifactSha256: z.string().nullable(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "RunDetail" });
export type RunDetail = z.infer<typeof RunDetailSchema>;

export const CompareQuerySchema = z.object({
  ids: z
    .string()
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(
      z
        .array(z.uuid({ error: "each id must be a run id (UUID)" }))
        .min(2, { error: "Pick at least 2 runs to compare" })
        .max(20, { error: "Compare at most 20 runs at a time" }),
    ),
});

/**
 * What a run's feature importances measure, in words for a chart's title. A workflow's run is named
 * after its workflow: its importances say which kind of model it was (trees count splits).
 */
/** What a run's importances measure, for the chart's title; "" when it has none (an ONNX graph). */
export function importanceMeasure(algorithm: string, importances?: { splits?: number }[] | null): string {
  if (!importances?.length) return "";
  const trees = algorithm === "gbdt" || algorithm === "random_forest" || (importances ?? []).some((i) => (i.splits ?? 0) > 0);
  return trees ? "share of gain" : "share of |coefficient × feature std|";
}

export const NoiseQuerySchema = z.object({
  a: z.uuid({ error: "must be a run id (UUID)" }).meta({ description: "The leading run" }),
  b: z.uuid({ error: "must be a run id (UUID)" }).meta({ description: "The run it leads" }),
  metric: z.string().refine((m) => m in METRICS, { error: "must be a metric of the catalogue (auc, rmse, …)" }),
});

export const NoiseCheckSchema = z
  .object({
    metric: z.string(),
    shared: z.boolean().meta({ description: "Both runs held out the same rows (same dataset version, filters, label and split)" }),
    reason: z.string().nullable().meta({ description: "Why the check could not be made, in a sentence" }),
    difference: z.number().nullable().meta({ description: "metric(a) − metric(b) on the shared holdout rows" }),
    low: z.number().nullable().meta({ description: "2.5th percentile of the difference over the resamples" }),
    high: z.number().nullable(),
    resamples: z.number().int(),
    rows: z.number().int(),
    larger: z.boolean().nullable().meta({ description: "The 95% interval excludes zero: a's lead is larger than noise" }),
  })
  .meta({ id: "NoiseCheck" });
export type NoiseCheck = z.infer<typeof NoiseCheckSchema>;

/** A tag as specs take it: a short label without spaces or commas, so lists of tags stay unambiguous. */
export const RunTagSchema = z
  .string()
  .trim()
  .min(1, { error: "a tag cannot be empty" })
  .max(40, { error: "a tag has at most 40 characters" })
  .regex(/^[^\s,]+$/, { error: "a tag has no spaces or commas" });

/** Edit a run's notes and tags (either or both); the change is audited with before and after. */
export const RunAnnotationSchema = z
  .strictObject({
    note: z.string().max(10_000, { error: "a note has at most 10,000 characters" }).optional(),
    tags: z
      .array(RunTagSchema)
      .max(20, { error: "at most 20 tags" })
      .transform((tags) => [...new Set(tags)])
      .optional(),
  })
  .refine((a) => a.note !== undefined || a.tags !== undefined, { error: "give a note, tags or both" })
  .meta({ id: "RunAnnotation" });
export type RunAnnotation = z.infer<typeof RunAnnotationSchema>;
