import { z } from "zod";

export const AliasSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, { error: "an alias is lowercase letters, digits, '-' or '_', starting with a letter (at most 40)" });

/** Which version answers: an alias (production by default) or an exact version number. */
export const PredictQuerySchema = z
  .object({
    alias: AliasSchema.optional(),
    version: z.coerce
      .number({ error: "must be a version number" })
      .int()
      .positive({ error: "must be a version number (1, 2, …)" })
      .optional(),
    reasons: z.coerce.number().int().min(0).max(50).default(5).meta({ description: "How many top reasons to return per row" }),
  })
  .refine((q) => !(q.alias && q.version), { error: "Give either alias or version, not both", path: ["version"] });
export type PredictQuery = z.infer<typeof PredictQuerySchema>;

const PredictRecord = z.record(z.string(), z.unknown()).meta({
  description:
    "feature name → value; a feature left out is scored as missing (with a warning), a record with none of the model's features is refused (422)",
});
/** One record, or an array of records; each record's features are checked against the model's schema (422). */
export const PredictBodySchema = z.union([PredictRecord, z.array(PredictRecord)], {
  error: "must be one record (a JSON object) or an array of records",
});

export const ReasonSchema = z.object({
  feature: z.string(),
  value: z.unknown().meta({ description: "The input value of the feature" }),
  contribution: z.number().meta({
    description:
      "Push toward the prediction (TreeSHAP): on the predicted class's log-odds for classifiers (for a binary model, a value that pushes towards the other class is negative), on the value for regression",
  }),
});
export type Reason = z.infer<typeof ReasonSchema>;

export const DecisionWarningSchema = z
  .object({ feature: z.string(), message: z.string() })
  .meta({ description: "A value the model had not seen (or a field not given), scored as missing" });
export type DecisionWarning = z.infer<typeof DecisionWarningSchema>;

export const PredictionSchema = z.object({
  decisionId: z.uuid(),
  prediction: z.union([z.string(), z.number()]),
  probabilities: z.record(z.string(), z.number()).optional(),
  reasons: z.array(ReasonSchema),
  warnings: z.array(DecisionWarningSchema).optional().meta({ description: "Present when some input was scored as missing" }),
});
export type Prediction = z.infer<typeof PredictionSchema>;

export const PredictResponseSchema = z
  .object({
    model: z.object({ name: z.string(), version: z.number().int(), alias: z.string().nullable(), modelVersionId: z.uuid() }),
    requestId: z.string(),
    predictions: z.array(PredictionSchema),
  })
  .meta({ id: "PredictResponse" });
export type PredictResponse = z.infer<typeof PredictResponseSchema>;

/** The most rows one predict call may carry. */
export const MAX_PREDICT_ROWS = 1000;

/** PostgreSQL NOTIFY channel on which an alias move is announced (payload: the model's name). */
export const ALIAS_CHANNEL = "roundhouse_aliases";

/** NOTIFY channel on which a token's revocation, or a user's disabling or role change, is announced. */
export const TOKENS_CHANNEL = "roundhouse_tokens";
