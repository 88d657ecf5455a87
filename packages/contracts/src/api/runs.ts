import { z } from "zod";

const Point = z.object({ x: z.number(), y: z.number(), threshold: z.number().nullable() });

/** A run's full evaluation on its holdout: what the run page and the compare page draw. */
export const RunDetailSchema = z
  .object({
    id: z.uuid(),
    jobId: z.uuid(),
    jobName: z.string(),
    jobStatus: z.string(),
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

/** What a run's feature importances measure, in words for a chart's title. */
export function importanceMeasure(algorithm: string): string {
  return algorithm === "gbdt" || algorithm === "random_forest" ? "share of gain" : "share of |coefficient × feature std|";
}
