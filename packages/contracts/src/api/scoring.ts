// Batch scoring: POST /api/v1/models/{name}/score. The request names the model version (an exact
// version, an alias, or the latest) and the input dataset version; the job runs on the workers and
// writes the scores as a new version of the output dataset (ScoringSpec, in jobs.ts).
import { z } from "zod";
import { DatasetNameSchema } from "./datasets.ts";
import { ResourcesSchema } from "./jobs.ts";
import { AliasSchema } from "./serving.ts";

export const ScoreRequestSchema = z
  .object({
    version: z.number().int().min(1).optional().meta({ description: "An exact model version" }),
    alias: AliasSchema.optional().meta({ description: "Or the version an alias names; neither: the latest version" }),
    dataset: z.string().min(1).max(200).meta({ description: "The input dataset's name" }),
    datasetVersion: z
      .union([z.literal("latest"), z.number().int().min(1)])
      .default("latest")
      .meta({ description: "The input's version" }),
    output: DatasetNameSchema.optional().meta({ description: "The dataset the scores become a version of (default {model}-scores)" }),
    idColumns: z
      .array(z.string().min(1).max(200))
      .max(20)
      .default([])
      .meta({ description: "Input columns copied next to each row's scores (a customer id, a date)" }),
    name: z.string().trim().min(1).max(120).optional().meta({ description: "The job's name (default score-{model}-v{version})" }),
    project: z.string().trim().min(1).max(80).default("default"),
    resources: ResourcesSchema,
  })
  .superRefine((r, ctx) => {
    if (r.version !== undefined && r.alias !== undefined)
      ctx.addIssue({ code: "custom", path: ["alias"], message: "name a version or an alias, not both" });
  })
  .meta({ id: "ScoreRequest" });
export type ScoreRequest = z.infer<typeof ScoreRequestSchema>;
