export * from "./comparison.ts";
export * from "./evaluate.ts";
export * from "./fire.ts";
export * from "./holdout-scoring.ts";
export * from "./policies.ts";
export * from "./runs.ts";
export * from "./schedule.ts";
export * from "./scheduler.ts";
