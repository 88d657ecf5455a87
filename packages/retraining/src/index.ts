export * from "./comparison.ts";
export * from "./holdout-scoring.ts";
