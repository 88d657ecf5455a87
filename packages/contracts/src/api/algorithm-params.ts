// Each algorithm's parameters with ranges and defaults: the learning code parses with these, and a
// training spec is checked (and its defaults filled in) with them before it is queued.
import { z } from "zod";

export const GbdtParamsSchema = z.object({
  numTrees: z.number().int().min(1).max(10_000).default(100).meta({ description: "Boosting rounds: more trees fit more, slower" }),
  learningRate: z
    .number()
    .gt(0)
    .max(1)
    .default(0.1)
    .meta({ description: "Shrinks each tree's step; lower needs more trees but generalizes better" }),
  maxDepth: z
    .number()
    .int()
    .min(1)
    .max(20)
    .default(6)
    .meta({ description: "Deepest split chain per tree; deeper trees learn interactions and overfit sooner" }),
  maxLeaves: z.number().int().min(0).max(65_536).default(0).meta({ description: "0 = limited by maxDepth only" }),
  minChildWeight: z.number().min(0).default(1).meta({ description: "Smallest hessian sum a leaf may have; raise to smooth" }),
  minSplitGain: z.number().min(0).default(0).meta({ description: "A split must improve the loss by this much" }),
  l2: z.number().min(0).default(1).meta({ description: "L2 penalty on leaf values" }),
  subsample: z.number().gt(0).max(1).default(1).meta({ description: "Fraction of rows each tree sees" }),
  colsampleByTree: z.number().gt(0).max(1).default(1).meta({ description: "Fraction of features each tree sees" }),
  maxBins: z.number().int().min(2).max(255).default(255).meta({ description: "Histogram bins per feature" }),
  earlyStoppingRounds: z.number().int().min(0).default(0).meta({ description: "0 = off; needs a validation set" }),
  objective: z.enum(["binary:logistic", "multi:softmax", "reg:squared", "reg:absolute", "reg:huber"]).optional(),
  huberDelta: z.number().gt(0).default(1).meta({ description: "Where reg:huber turns from squared to absolute loss" }),
  categorySmoothing: z
    .number()
    .min(0)
    .default(10)
    .meta({ description: "Categorical splits: hessian added when ordering categories by gradient/hessian (LightGBM's cat_smooth)" }),
  categoryL2: z.number().min(0).default(10).meta({ description: "Categorical splits: extra L2 in their gain (LightGBM's cat_l2)" }),
  minCategoryWeight: z.number().min(0).default(20).meta({
    description:
      "Categorical splits: hessian a category needs to be placed (at most 1/500 of the tree's, fading to none at 100,000 rows); rarer ones go right. 0 = none",
  }),
  categoryGroupRows: z.number().min(0).default(100).meta({
    description:
      "Categorical splits: rows the set of categories going left grows by between the cuts tried, and the fewest rows on the right (LightGBM's min_data_per_group). 0 = none",
  }),
  maxSplitCategories: z.number().int().min(0).max(65_535).default(0).meta({
    description:
      "Categorical splits: most categories a split sends left, tried from both ends of the gradient/hessian order (LightGBM's max_cat_threshold). 0 = by the tree's rows: 32 per 200,000 rows, at least 4",
  }),
  seed: z.number().int().default(0).meta({ description: "Random seed: the same seed gives the same model" }),
  threads: z.number().int().min(1).max(64).default(1).meta({
    description:
      "Threads for the fit, at most the machine's cores (used from 50,000 rows, or from 10,000 rows when rows × features reach 3 million): histograms, partitions, split searches, gradients and score updates. Every thread count gives the same model. A training job fits on the cores it holds (resources.cpu) instead",
  }),
});
export type GbdtParams = z.infer<typeof GbdtParamsSchema>;

export const ForestParamsSchema = z.object({
  numTrees: z.number().int().min(1).max(5_000).default(100).meta({ description: "Trees in the forest: more trees, less variance" }),
  maxDepth: z.number().int().min(1).max(40).default(16).meta({ description: "Deepest split chain per tree" }),
  minSamplesLeaf: z.number().int().min(1).default(1).meta({ description: "Fewest training rows in a leaf" }),
  featuresPerSplit: z.number().int().min(0).default(0).meta({ description: "0 = √F for classification, F/3 for regression" }),
  bootstrap: z.boolean().default(true).meta({ description: "Each tree trains on a bootstrap sample of the rows" }),
  maxBins: z.number().int().min(2).max(255).default(255).meta({ description: "Histogram bins per feature" }),
  seed: z.number().int().default(0).meta({ description: "Random seed: the same seed gives the same model" }),
});
export type ForestParams = z.infer<typeof ForestParamsSchema>;

export const LogisticParamsSchema = z.object({
  l2: z.number().min(0).default(1).meta({ description: "L2 (ridge) penalty on the coefficients: larger keeps them smaller" }),
  maxIterations: z.number().int().min(1).max(10_000).default(100).meta({ description: "L-BFGS iterations at most" }),
  tolerance: z.number().gt(0).default(1e-4).meta({ description: "Stop when the gradient is this small" }),
});
export type LogisticParams = z.infer<typeof LogisticParamsSchema>;

export const LinearParamsSchema = z.object({
  l2: z.number().min(0).default(1e-6).meta({ description: "Ridge penalty on the coefficients" }),
});
export type LinearParams = z.infer<typeof LinearParamsSchema>;

export const PARAMS_SCHEMAS = {
  gbdt: GbdtParamsSchema,
  random_forest: ForestParamsSchema,
  logistic_regression: LogisticParamsSchema,
  linear_regression: LinearParamsSchema,
} as const;
