export * from "./describe.ts";
export * from "./npy.ts";
export * from "./python.ts";
export * from "./resolve.ts";
export * from "./run-workflow.ts";
export * from "./sync.ts";
