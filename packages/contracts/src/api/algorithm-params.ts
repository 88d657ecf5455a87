// Each algorithm's parameters with ranges and defaults: the learning code parses with these, and a
// training spec is checked (and its defaults filled in) with them before it is queued.
import { z } from "zod";

export const GbdtParamsSchema = z.object({
  numTrees: z.number().int().min(1).max(10_000).default(100),
  learningRate: z.number().gt(0).max(1).default(0.1),
  maxDepth: z.number().int().min(1).max(20).default(6),
  maxLeaves: z.number().int().min(0).max(65_536).default(0).meta({ description: "0 = limited by maxDepth only" }),
  minChildWeight: z.number().min(0).default(1),
  minSplitGain: z.number().min(0).default(0),
  l2: z.number().min(0).default(1),
  subsample: z.number().gt(0).max(1).default(1),
  colsampleByTree: z.number().gt(0).max(1).default(1),
  maxBins: z.number().int().min(2).max(255).default(255),
  earlyStoppingRounds: z.number().int().min(0).default(0).meta({ description: "0 = off; needs a validation set" }),
  objective: z.enum(["binary:logistic", "multi:softmax", "reg:squared", "reg:absolute", "reg:huber"]).optional(),
  huberDelta: z.number().gt(0).default(1),
  seed: z.number().int().default(0),
  threads: z.number().int().min(1).max(64).default(1).meta({
    description:
      "Threads building histograms. The same thread count gives the same model; another count may differ in the last bits of sums",
  }),
});
export type GbdtParams = z.infer<typeof GbdtParamsSchema>;

export const ForestParamsSchema = z.object({
  numTrees: z.number().int().min(1).max(5_000).default(100),
  maxDepth: z.number().int().min(1).max(40).default(16),
  minSamplesLeaf: z.number().int().min(1).default(1),
  featuresPerSplit: z.number().int().min(0).default(0).meta({ description: "0 = √F for classification, F/3 for regression" }),
  bootstrap: z.boolean().default(true),
  maxBins: z.number().int().min(2).max(255).default(255),
  seed: z.number().int().default(0),
});
export type ForestParams = z.infer<typeof ForestParamsSchema>;

export const LogisticParamsSchema = z.object({
  l2: z.number().min(0).default(1),
  maxIterations: z.number().int().min(1).max(10_000).default(100),
  tolerance: z.number().gt(0).default(1e-4),
});
export type LogisticParams = z.infer<typeof LogisticParamsSchema>;

export const LinearParamsSchema = z.object({ l2: z.number().min(0).default(1e-6) });
export type LinearParams = z.infer<typeof LinearParamsSchema>;

export const PARAMS_SCHEMAS = {
  gbdt: GbdtParamsSchema,
  random_forest: ForestParamsSchema,
  logistic_regression: LogisticParamsSchema,
  linear_regression: LinearParamsSchema,
} as const;
